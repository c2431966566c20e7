import DataLoader from 'dataloader';
import { loaderById, groupBy } from '@skillgraph/platform';
import type { AssessmentRepository } from './assessment-repository';
import type { CourseDirectory } from './course-directory';
import type { AssessmentRecord, CourseViewRecord } from './records';

export interface AssessmentLoaders {
  assessmentById: DataLoader<string, AssessmentRecord | null>;
  /** Each course's assessments, oldest first, whoever may see them. */
  assessmentsByCourseId: DataLoader<string, AssessmentRecord[]>;
  /** What the local projection knows about each course; null when it knows nothing. */
  courseById: DataLoader<string, CourseViewRecord | null>;
}

/** Per-request loaders: every key asked for in one tick becomes one database query. */
export function createAssessmentLoaders(assessments: AssessmentRepository, directory: CourseDirectory): AssessmentLoaders {
  return {
    assessmentById: loaderById(assessments.findByIds),
    assessmentsByCourseId: new DataLoader(async (courseIds) => {
      const byCourse = groupBy(await assessments.findByCourseIds(courseIds), (assessment) => assessment.courseId);
      return courseIds.map((id) => byCourse.get(id) ?? []);
    }),
    courseById: loaderById(directory.getMany),
  };
}
