import type { Viewer } from '@skillgraph/platform';
import type { AssessmentLoaders } from './data/loaders';
import type { AssessmentService } from './services/assessment-service';
import type { AttemptService } from './services/attempt-service';
import type { CertificateLinks } from './services/certificate-links';
import type { CertificateService } from './services/certificate-service';

export interface Context {
  viewer: Viewer;
  loaders: AssessmentLoaders;
  assessmentService: AssessmentService;
  attemptService: AttemptService;
  certificateService: CertificateService;
  certificateLinks: CertificateLinks;
}
