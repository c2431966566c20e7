import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  notificationFailures: (_parent, args, { viewer, notificationService }) => notificationService.failures(viewer, args),
};
