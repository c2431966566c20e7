import type { Viewer } from '@skillgraph/platform';
import type { NotificationService } from './services/notification-service';

export interface Context {
  viewer: Viewer;
  notificationService: NotificationService;
}
