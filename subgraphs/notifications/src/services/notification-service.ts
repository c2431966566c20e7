import { assertRole, assertSignedIn, badUserInput, type Connection, type PageArgs, type Viewer } from '@skillgraph/platform';
import { z } from 'zod';
import type { NotificationRepository } from '../data/notification-repository';
import type { PreferenceRepository } from '../data/preference-repository';
import { NOTIFICATION_CATEGORIES, type NotificationCategory, type NotificationRecord } from '../data/records';

export interface Preferences {
  enabled: NotificationCategory[];
  disabled: NotificationCategory[];
}

const preferencesInput = z.object({
  disabled: z
    .array(z.enum(NOTIFICATION_CATEGORIES))
    .refine((categories) => !categories.includes('SECURITY'), 'Security emails (verification, password reset) cannot be turned off.'),
});

/** A person's own notifications and preferences are theirs and admins' only. */
const mayRead = (viewer: Viewer, userId: string): boolean => viewer.kind === 'user' && (viewer.id === userId || viewer.role === 'ADMIN');

const asPreferences = (disabled: NotificationCategory[]): Preferences => ({
  enabled: NOTIFICATION_CATEGORIES.filter((category) => !disabled.includes(category)),
  disabled: NOTIFICATION_CATEGORIES.filter((category) => disabled.includes(category)),
});

export type NotificationService = ReturnType<typeof createNotificationService>;

export function createNotificationService(notifications: NotificationRepository, preferences: PreferenceRepository, clock: () => Date = () => new Date()) {
  return {
    /** Null for anyone but the person and admins (like `User.email`). */
    async listForUser(viewer: Viewer, userId: string, args: PageArgs): Promise<Connection<NotificationRecord> | null> {
      if (!mayRead(viewer, userId)) return null;
      return notifications.listForUser(userId, args);
    },
    async failures(viewer: Viewer, args: PageArgs): Promise<Connection<NotificationRecord>> {
      assertRole(viewer, ['ADMIN']);
      return notifications.listFailed(args);
    },
    async preferencesOf(viewer: Viewer, userId: string): Promise<Preferences | null> {
      if (!mayRead(viewer, userId)) return null;
      return asPreferences(await preferences.disabledFor(userId));
    },
    async updatePreferences(viewer: Viewer, input: { disabled: readonly string[] }): Promise<Preferences> {
      const me = assertSignedIn(viewer);
      const parsed = preferencesInput.safeParse(input);
      if (!parsed.success) throw badUserInput(parsed.error.issues[0]?.message ?? 'Invalid preferences.', 'input.disabled');
      return asPreferences(await preferences.save(me.id, [...new Set(parsed.data.disabled)], clock()));
    },
  };
}
