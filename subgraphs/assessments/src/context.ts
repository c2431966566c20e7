import type { Viewer } from '@skillgraph/platform';
import type { AssessmentLoaders } from './data/loaders';
import type { AssessmentService } from './services/assessment-service';

export interface Context {
  viewer: Viewer;
  loaders: AssessmentLoaders;
  assessmentService: AssessmentService;
}
