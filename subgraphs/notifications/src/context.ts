import type { Viewer } from '@skillgraph/platform';
import type { NotificationLoaders } from './data/loaders';
import type { NotificationService } from './services/notification-service';

export interface Context {
  viewer: Viewer;
  loaders: NotificationLoaders;
  notificationService: NotificationService;
}
