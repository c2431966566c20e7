import { isId } from '@skillgraph/platform';
import type { CourseResolvers } from '../generated/resolvers-types';
import { seeableInVisibleCourse } from './visibility';

export const Course: CourseResolvers = {
  // The courses subgraph decides whether the course may be seen; only its id is needed here.
  __resolveReference: ({ id }) => (isId(id) ? { id } : null),
  // Reached only through a course the courses subgraph returned to this viewer.
  coverImage: async (course, _args, context) => seeableInVisibleCourse(await context.loaders.coverByCourseId.load(course.id), context),
};
