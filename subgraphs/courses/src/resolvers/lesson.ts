import { isId, notFound } from '@skillgraph/platform';
import type { LessonResolvers } from '../generated/resolvers-types';
import { visibleOrNull } from '../services/course-access';

export const Lesson: LessonResolvers = {
  // A lesson is visible exactly when its course is. The lesson loader primes the course loader,
  // so the second load costs no query.
  __resolveReference: async ({ id }, { viewer, loaders }) => {
    const lesson = isId(id) ? await loaders.lessonById.load(id) : null;
    if (!lesson) return null;
    return visibleOrNull(viewer, await loaders.courseById.load(lesson.courseId)) ? lesson : null;
  },
  id: (lesson) => lesson._id,
  course: async (lesson, _args, { loaders }) => {
    const course = await loaders.courseById.load(lesson.courseId);
    if (!course) throw notFound('Course');
    return course;
  },
};
