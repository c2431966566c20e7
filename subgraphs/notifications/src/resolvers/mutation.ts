import type { MutationResolvers } from '../generated/resolvers-types';

export const Mutation: MutationResolvers = {
  updateNotificationPreferences: (_parent, { input }, { viewer, notificationService }) => notificationService.updatePreferences(viewer, input),
};
