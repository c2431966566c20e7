import type { Viewer } from '@skillgraph/platform';
import type { CourseLoaders } from './data/loaders';
import type { CourseRepository } from './data/course-repository';
import type { CourseService } from './services/course-service';

export interface Context {
  viewer: Viewer;
  loaders: CourseLoaders;
  courses: CourseRepository;
  courseService: CourseService;
}
