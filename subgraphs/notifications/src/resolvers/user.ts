import { isId } from '@skillgraph/platform';
import type { UserResolvers } from '../generated/resolvers-types';

export const User: UserResolvers = {
  // Nothing about users is stored for the API here; the id is all the fields below need.
  __resolveReference: ({ id }) => (isId(id) ? { id } : null),
  notifications: (user, args, { viewer, notificationService }) => notificationService.listForUser(viewer, user.id, args),
  notificationPreferences: (user, _args, { viewer, notificationService }) => notificationService.preferencesOf(viewer, user.id),
};
