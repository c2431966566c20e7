import { isId } from '@skillgraph/platform';
import type { UserResolvers } from '../generated/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: async ({ id }, { loaders }) => (isId(id) ? loaders.userById.load(id) : null),
  id: (user) => user._id,
  email: (user, _args, { viewer }) =>
    viewer.kind === 'user' && (viewer.id === user._id || viewer.role === 'ADMIN') ? user.email : null,
};
