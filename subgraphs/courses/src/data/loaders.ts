import DataLoader from 'dataloader';
import { loaderById, groupBy } from '@skillgraph/platform';
import type { CourseRepository } from './course-repository';
import { lessonsOf } from './lessons';
import type { CourseRecord, LessonRecord } from './records';

export interface CourseLoaders {
  courseById: DataLoader<string, CourseRecord | null>;
  /** Lessons by their own id, for `Lesson` references from other subgraphs. */
  lessonById: DataLoader<string, LessonRecord | null>;
  /** Every course each instructor teaches, oldest first, whoever may see them. */
  coursesByInstructorId: DataLoader<string, CourseRecord[]>;
}

/** Per-request loaders: every key asked for in one tick becomes one database query. */
export function createCourseLoaders(repository: CourseRepository): CourseLoaders {
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
  };
}
