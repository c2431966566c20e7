import type { AnyEvent, Role, StoredDocument } from '@skillgraph/platform';

export const NOTIFICATION_CATEGORIES = ['SECURITY', 'ACCOUNT', 'LEARNING', 'MEDIA'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

export type NotificationKind =
  | 'WELCOME_STUDENT'
  | 'WELCOME_INSTRUCTOR'
  | 'EMAIL_VERIFICATION'
  | 'PASSWORD_RESET'
  | 'PASSWORD_CHANGED'
  | 'ENROLLMENT_CONFIRMED'
  | 'COURSE_COMPLETED'
  | 'ASSESSMENT_GRADED'
  | 'CERTIFICATE_ISSUED'
  | 'MEDIA_READY'
  | 'MEDIA_REJECTED';

export type NotificationStatus = 'QUEUED' | 'SENT' | 'FAILED';

/** Template values: plain, non-secret data taken from the event. */
export type TemplateData = Record<string, string | number>;

/** One email, from the event that asked for it to its delivery. */
export interface NotificationRecord extends StoredDocument {
  /** `<event_id>:<kind>`, unique: a redelivered or replayed event cannot queue a second email. */
  sourceKey: string;
  userId: string;
  kind: NotificationKind;
  category: NotificationCategory;
  /** Lower goes first: security mail before everything else. */
  priority: number;
  subject: string;
  data: TemplateData;
  /** The address the event named (account emails); otherwise looked up in the recipients view when sending. */
  to?: { address: string; name: string };
  /** The reset or verification token, still sealed: it is opened only to render the message. */
  sealedToken?: { value: string; context: string };
  /** The event that asked for the email, dead-lettered with the reason if the email fails for good. */
  source: { topic: string; event: AnyEvent };
  status: NotificationStatus;
  attempts: number;
  lastError?: string;
  /** When the dispatcher may next take it (also a lease while an attempt is in flight). */
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt?: Date;
  failedAt?: Date;
  /** Set once the source event was written to the dead-letter topic. */
  deadLetteredAt?: Date;
}

/** What the worker knows about a person, projected from user.events (the assessments course view's twin). */
export interface RecipientRecord extends StoredDocument {
  email: string;
  name: string;
  role?: Role;
}

/** A person's choices; absent means every category is on. `_id` is the user id. */
export interface PreferencesRecord extends StoredDocument {
  disabled: NotificationCategory[];
  updatedAt: Date;
}

/** A user as this subgraph sees one: only the id (the users subgraph owns the rest). */
export interface UserReference {
  id: string;
}
