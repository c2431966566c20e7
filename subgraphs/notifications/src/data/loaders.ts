import type DataLoader from 'dataloader';
import { loaderById } from '@skillgraph/platform';
import type { NotificationRepository } from './notification-repository';
import type { NotificationRecord } from './records';

export interface NotificationLoaders {
  notificationById: DataLoader<string, NotificationRecord | null>;
}

export function createNotificationLoaders(repository: NotificationRepository): NotificationLoaders {
  return { notificationById: loaderById(repository.findByIds) };
}
