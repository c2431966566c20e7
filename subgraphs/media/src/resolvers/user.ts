import { isId } from '@skillgraph/platform';
import type { UserResolvers } from '../generated/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: ({ id }) => (isId(id) ? { id } : null),
  mediaUsage: (user, _args, { viewer, media }) => media.usageOf(viewer, user.id),
};
