import type { Viewer } from '@skillgraph/platform';
import type { CourseLoaders } from './data/loaders';
import type { CourseRepository } from './data/course-repository';
import type { EnrollmentRepository } from './data/enrollment-repository';
import type { CourseService } from './services/course-service';
import type { EnrollmentService } from './services/enrollment-service';

export interface Context {
  viewer: Viewer;
  loaders: CourseLoaders;
  courses: CourseRepository;
  enrollments: EnrollmentRepository;
  courseService: CourseService;
  enrollmentService: EnrollmentService;
}
