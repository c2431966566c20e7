import type { CourseRecord, LessonRecord } from './records';

/** The course's lessons as resolvers see them, each knowing its course. */
export const lessonsOf = (course: CourseRecord): LessonRecord[] =>
  course.lessons.map((lesson) => ({ ...lesson, courseId: course._id }));
