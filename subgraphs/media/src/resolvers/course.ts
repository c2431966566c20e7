import { isId } from '@skillgraph/platform';
import type { CourseResolvers } from '../generated/resolvers-types';
import { seeable } from './visibility';

export const Course: CourseResolvers = {
  // The courses subgraph decides whether the course may be seen; only its id is needed here.
  __resolveReference: ({ id }) => (isId(id) ? { id } : null),
  coverImage: async (course, _args, context) => seeable(await context.loaders.coverByCourseId.load(course.id), context),
};
