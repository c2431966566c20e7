import DataLoader from 'dataloader';
import { loaderById, groupBy } from '@skillgraph/platform';
import type { AssessmentDirectory } from './assessment-directory';
import type { CourseRepository } from './course-repository';
import type { EnrollmentRepository } from './enrollment-repository';
import { lessonsOf } from './lessons';
import type { CourseRecord, EnrollmentRecord, LessonRecord } from './records';

export interface CourseLoaders {
  courseById: DataLoader<string, CourseRecord | null>;
  /** Lessons by their own id, for `Lesson` references from other subgraphs. */
  lessonById: DataLoader<string, LessonRecord | null>;
  /** Every course each instructor teaches, oldest first, whoever may see them. */
  coursesByInstructorId: DataLoader<string, CourseRecord[]>;
  enrollmentById: DataLoader<string, EnrollmentRecord | null>;
  /** Every enrollment of each course (all statuses): one query for any number of courses. */
  enrollmentsByCourseId: DataLoader<string, EnrollmentRecord[]>;
  /** The enrollment of one learner in one course, keyed `userId:courseId`; one query per learner. */
  enrollmentOf: DataLoader<string, EnrollmentRecord | null>;
}

export const enrollmentKey = (userId: string, courseId: string): string => `${userId}:${courseId}`;

export interface LoaderSources {
  courses: CourseRepository;
  enrollments: EnrollmentRepository;
  assessments: AssessmentDirectory;
}

/** Per-request loaders: every key asked for in one tick becomes one database query. */
export function createCourseLoaders({ courses: repository, enrollments }: LoaderSources): CourseLoaders {
  const courseById = loaderById(repository.findByIds);
  // Courses fetched by the other loaders are primed here, so `Lesson.course` and friends cost nothing.
  const remember = (courses: CourseRecord[]): void => courses.forEach((course) => courseById.prime(course._id, course));

  return {
    courseById,
    lessonById: new DataLoader(async (ids) => {
      const courses = await repository.findByLessonIds(ids);
      remember(courses);
      const found = new Map(courses.flatMap(lessonsOf).map((lesson) => [lesson._id, lesson]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    coursesByInstructorId: new DataLoader(async (instructorIds) => {
      const courses = await repository.findByInstructorIds(instructorIds);
      remember(courses);
      const byInstructor = groupBy(courses, (course) => course.instructorId);
      return instructorIds.map((id) => byInstructor.get(id) ?? []);
    }),
    enrollmentById: loaderById(enrollments.findByIds),
    enrollmentsByCourseId: new DataLoader(async (courseIds) => {
      const byCourse = groupBy(await enrollments.findByCourseIds(courseIds), (enrollment) => enrollment.courseId);
      return courseIds.map((id) => byCourse.get(id) ?? []);
    }),
    enrollmentOf: new DataLoader(async (keys) => {
      const byLearner = groupBy([...keys], (key) => key.split(':')[0]);
      const found = new Map<string, EnrollmentRecord>();
      await Promise.all(
        [...byLearner].map(async ([userId, learnerKeys]) => {
          const courseIds = learnerKeys.map((key) => key.split(':')[1]!);
          for (const enrollment of await enrollments.findForUser(userId, courseIds)) found.set(enrollmentKey(userId, enrollment.courseId), enrollment);
        }),
      );
      return keys.map((key) => found.get(key) ?? null);
    }),
  };
}
