import { isId } from '@skillgraph/platform';
import type { CourseResolvers } from '../generated/resolvers-types';

export const Course: CourseResolvers = {
  // The courses subgraph decides whether the course may be seen; only its id is needed here.
  __resolveReference: ({ id }) => (isId(id) ? { id } : null),
  coverImage: (course, _args, { loaders }) => loaders.coverByCourseId.load(course.id),
};
