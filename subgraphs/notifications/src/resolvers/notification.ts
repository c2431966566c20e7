import type { NotificationResolvers } from '../generated/resolvers-types';

export const Notification: NotificationResolvers = {
  id: (notification) => notification._id,
  lastError: (notification) => notification.lastError ?? null,
  sentAt: (notification) => notification.sentAt ?? null,
  recipient: (notification) => ({ id: notification.userId }),
};
