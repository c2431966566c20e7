import { isId } from '@skillgraph/platform';
import type { UserResolvers } from '../generated/resolvers-types';
import { canView } from '../services/course-access';
import { learnerEnrollments } from '../services/enrollment-reads';

export const User: UserResolvers = {
  // Nothing about users is stored here; the id is all `coursesTaught` and `enrollments` need.
  __resolveReference: ({ id }) => (isId(id) ? { id } : null),
  coursesTaught: async (user, _args, { viewer, loaders }) =>
    (await loaders.coursesByInstructorId.load(user.id)).filter((course) => canView(viewer, course)),
  enrollments: (user, args, context) => learnerEnrollments(user.id, args, context),
};
