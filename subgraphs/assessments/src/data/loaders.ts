import DataLoader from 'dataloader';
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
    assessmentById: new DataLoader(async (ids) => {
      const found = new Map((await assessments.findByIds(ids)).map((assessment) => [assessment._id, assessment]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    assessmentsByCourseId: new DataLoader(async (courseIds) => {
      const byCourse = new Map<string, AssessmentRecord[]>();
      for (const assessment of await assessments.findByCourseIds(courseIds)) {
        byCourse.set(assessment.courseId, [...(byCourse.get(assessment.courseId) ?? []), assessment]);
      }
      return courseIds.map((id) => byCourse.get(id) ?? []);
    }),
    courseById: new DataLoader(async (ids) => {
      const found = new Map((await directory.getMany(ids)).map((course) => [course._id, course]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
