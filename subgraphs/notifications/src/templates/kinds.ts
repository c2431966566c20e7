import type { NotificationCategory, NotificationKind } from '../data/records';

export interface KindSpec {
  category: NotificationCategory;
  /** Lower goes first. Security mail (resets, verification) must not wait behind a burst of course mail. */
  priority: number;
  /** Handlebars, rendered from the event's data at queue time (no secrets, no names). */
  subject: string;
}

export const PRIORITY = { security: 0, normal: 5, low: 9 } as const;

export const KINDS: Record<NotificationKind, KindSpec> = {
  WELCOME_STUDENT: { category: 'ACCOUNT', priority: PRIORITY.normal, subject: 'Welcome to SkillGraph' },
  WELCOME_INSTRUCTOR: { category: 'ACCOUNT', priority: PRIORITY.normal, subject: 'You can now teach on SkillGraph' },
  EMAIL_VERIFICATION: { category: 'SECURITY', priority: PRIORITY.security, subject: 'Confirm your email address' },
  PASSWORD_RESET: { category: 'SECURITY', priority: PRIORITY.security, subject: 'Reset your SkillGraph password' },
  PASSWORD_CHANGED: { category: 'SECURITY', priority: PRIORITY.security, subject: 'Your SkillGraph password was changed' },
  ENROLLMENT_CONFIRMED: { category: 'LEARNING', priority: PRIORITY.normal, subject: 'You are enrolled in {{courseTitle}}' },
  COURSE_COMPLETED: { category: 'LEARNING', priority: PRIORITY.normal, subject: 'You completed {{courseTitle}}' },
  ASSESSMENT_GRADED: { category: 'LEARNING', priority: PRIORITY.normal, subject: 'Your assessment result: {{percentage}}%' },
  CERTIFICATE_ISSUED: { category: 'LEARNING', priority: PRIORITY.normal, subject: 'Your certificate {{certificateId}}' },
  MEDIA_READY: { category: 'MEDIA', priority: PRIORITY.low, subject: 'Your upload is ready' },
  MEDIA_REJECTED: { category: 'MEDIA', priority: PRIORITY.normal, subject: 'Your upload was rejected' },
};

export const CATEGORY_LABELS: Record<NotificationCategory, string> = {
  SECURITY: 'security',
  ACCOUNT: 'account',
  LEARNING: 'learning',
  MEDIA: 'upload',
};
