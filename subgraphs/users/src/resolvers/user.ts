import { isId, type Viewer } from '@skillgraph/platform';
import type { UserResolvers } from '../generated/resolvers-types';
import type { UserRecord } from '../data/records';

/** A user's email is for themself and admins; everyone else gets null. */
export const canSeeEmail = (viewer: Viewer, user: UserRecord, signedInNow: ReadonlySet<string>): boolean =>
  signedInNow.has(user._id) || (viewer.kind === 'user' && (viewer.id === user._id || viewer.role === 'ADMIN'));

export const User: UserResolvers = {
  // Public: names and roles are profile data. `email` below guards itself, here and in root fields alike.
  __resolveReference: async ({ id }, { loaders }) => (isId(id) ? loaders.userById.load(id) : null),
  id: (user) => user._id,
  email: (user, _args, { viewer, signedInNow }) => (canSeeEmail(viewer, user, signedInNow) ? user.email : null),
  emailVerified: (user, _args, { viewer, signedInNow }) => (canSeeEmail(viewer, user, signedInNow) ? user.emailVerifiedAt !== undefined : null),
};
