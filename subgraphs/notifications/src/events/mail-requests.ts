import {
  newId,
  startEventConsumer,
  type AnyEvent,
  type BackgroundTask,
  type ConsumeContext,
  type EventBus,
  type EventHandlers,
  type Logger,
  type Subscription,
} from '@skillgraph/platform';
import { sealContext } from '@skillgraph/platform/src/mail';
import type { NotificationRepository } from '../data/notification-repository';
import type { PreferenceRepository } from '../data/preference-repository';
import type { RecipientDirectory } from '../data/recipient-directory';
import type { NotificationKind, NotificationRecord, TemplateData } from '../data/records';
import { KINDS } from '../templates/kinds';
import type { MailRenderer } from '../templates/render';

/**
 * Turns events into queued emails (the dispatcher sends them). Idempotent by event: each email
 * is stored under `<event_id>:<kind>` with a unique index, so a redelivered or replayed event
 * queues nothing new; the recipients view is written with `applyOnce` / natural-key inserts.
 * Handlers only write documents, so the consumer keeps up with bursts however slow mail is.
 */
export const MAILER_GROUP = 'notifications.mailer';

export interface MailRequest {
  kind: NotificationKind;
  userId: string;
  data?: TemplateData;
  to?: { address: string; name: string };
  sealedToken?: NotificationRecord['sealedToken'];
}

export interface MailQueueDependencies {
  notifications: NotificationRepository;
  preferences: PreferenceRepository;
  recipients: RecipientDirectory;
  renderer: MailRenderer;
  appUrl: string;
  clock: () => Date;
  /** Called after an email was queued, so the dispatcher looks now rather than at its next poll. */
  onQueued: () => void;
  logger: Logger;
}

const when = (iso: string): string => new Date(iso).toUTCString();

export function mailRequestHandlers({
  notifications,
  preferences,
  recipients,
  renderer,
  appUrl,
  clock,
  onQueued,
  logger,
}: MailQueueDependencies): EventHandlers {
  async function queue(event: AnyEvent, context: ConsumeContext, request: MailRequest): Promise<void> {
    const spec = KINDS[request.kind];
    // Security mail ignores preferences: nobody may opt out of password resets.
    if (spec.category !== 'SECURITY' && (await preferences.disabledFor(request.userId)).includes(spec.category)) {
      logger.debug({ kind: request.kind, userId: request.userId }, 'notification skipped: category turned off');
      return;
    }
    const data = request.data ?? {};
    const now = clock();
    const record: NotificationRecord = {
      _id: newId(),
      sourceKey: `${event.event_id}:${request.kind}`,
      userId: request.userId,
      kind: request.kind,
      category: spec.category,
      priority: spec.priority,
      subject: renderer.subject(request.kind, data),
      data,
      ...(request.to ? { to: request.to } : {}),
      ...(request.sealedToken ? { sealedToken: request.sealedToken } : {}),
      source: { topic: context.message.topic, event },
      status: 'QUEUED',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    };
    if ((await notifications.insertOnce(record)) === 'applied') onQueued();
  }

  const courseLink = (courseId: string) => `${appUrl}/courses/${encodeURIComponent(courseId)}`;

  return {
    USER_REGISTERED: async (event, context) => {
      await recipients.insertIfAbsent({ _id: event.user_id, email: event.email, name: event.name, role: 'STUDENT' });
      await queue(event, context, { kind: 'WELCOME_STUDENT', userId: event.user_id, to: { address: event.email, name: event.name } });
    },
    USER_UPDATED: async (event, { ref }) => {
      const changes = { ...(event.email ? { email: event.email } : {}), ...(event.name ? { name: event.name } : {}) };
      // Unknown person (an account from before this service, or seeded): the next account email creates it.
      if (Object.keys(changes).length > 0) await recipients.applyOnce(event.user_id, ref, changes);
    },
    USER_ROLE_CHANGED: async (event, context) => {
      await recipients.applyOnce(event.user_id, context.ref, { role: event.new_role });
      if (event.new_role === 'INSTRUCTOR' && event.previous_role !== 'INSTRUCTOR') {
        await queue(event, context, { kind: 'WELCOME_INSTRUCTOR', userId: event.user_id });
      }
    },
    PASSWORD_RESET_REQUESTED: async (event, context) => {
      await recipients.insertIfAbsent({ _id: event.user_id, email: event.email, name: event.name });
      await queue(event, context, {
        kind: 'PASSWORD_RESET',
        userId: event.user_id,
        to: { address: event.email, name: event.name },
        data: { expiresAt: when(event.expires_at) },
        sealedToken: { value: event.sealed_token, context: sealContext(event.event_type, event.user_id) },
      });
    },
    EMAIL_VERIFICATION_REQUESTED: async (event, context) => {
      await recipients.insertIfAbsent({ _id: event.user_id, email: event.email, name: event.name });
      await queue(event, context, {
        kind: 'EMAIL_VERIFICATION',
        userId: event.user_id,
        to: { address: event.email, name: event.name },
        data: { email: event.email, expiresAt: when(event.expires_at) },
        sealedToken: { value: event.sealed_token, context: sealContext(event.event_type, event.user_id) },
      });
    },
    PASSWORD_CHANGED: async (event, context) => {
      await queue(event, context, {
        kind: 'PASSWORD_CHANGED',
        userId: event.user_id,
        to: { address: event.email, name: event.name },
        data: { changedAt: when(event.changed_at) },
      });
    },
    COURSE_ENROLLED: async (event, context) => {
      await queue(event, context, {
        kind: 'ENROLLMENT_CONFIRMED',
        userId: event.user_id,
        data: { courseTitle: event.course_title, courseLink: courseLink(event.course_id) },
      });
    },
    COURSE_COMPLETED: async (event, context) => {
      await queue(event, context, {
        kind: 'COURSE_COMPLETED',
        userId: event.user_id,
        data: { courseTitle: event.course_title, completedAt: when(event.completed_at), courseLink: courseLink(event.course_id) },
      });
    },
    ASSESSMENT_COMPLETED: async (event, context) => {
      await queue(event, context, {
        kind: 'ASSESSMENT_GRADED',
        userId: event.user_id,
        data: { percentage: event.percentage, score: event.score, outcome: event.passed ? 'passed' : 'did not pass', courseLink: courseLink(event.course_id) },
      });
    },
    CERTIFICATION_ISSUED: async (event, context) => {
      await queue(event, context, {
        kind: 'CERTIFICATE_ISSUED',
        userId: event.user_id,
        data: {
          certificateId: event.certificate_id,
          percentage: event.percentage,
          // The learner's certificates page: the verification code and link to share are shown
          // there to the signed-in holder only (events, and so this mail's data, never carry them).
          certificatesLink: `${appUrl}/certificates`,
        },
      });
    },
    MEDIA_READY: async (event, context) => {
      await queue(event, context, { kind: 'MEDIA_READY', userId: event.owner_id, data: { assetId: event.asset_id, mimeType: event.mime_type ?? 'file' } });
    },
    // The reason shown is ours, not the scanner's or ffmpeg's words: those are internals.
    MEDIA_INFECTED: async (event, context) => {
      await queue(event, context, {
        kind: 'MEDIA_REJECTED',
        userId: event.owner_id,
        data: { assetId: event.asset_id, mimeType: event.mime_type ?? 'file', reason: 'a virus scan found malware in it.' },
      });
    },
    MEDIA_FAILED: async (event, context) => {
      await queue(event, context, {
        kind: 'MEDIA_REJECTED',
        userId: event.owner_id,
        data: { assetId: event.asset_id, mimeType: event.mime_type ?? 'file', reason: 'it could not be processed.' },
      });
    },
  };
}

export interface MailRequestConsumerOptions {
  bus: EventBus;
  handlers: EventHandlers;
  logger?: Logger;
  maxAttempts?: number;
}

/** The consumer as a background task: its own group over user, course, assessment, certification and media events. */
export function mailRequestConsumer({ bus, handlers, logger, maxAttempts }: MailRequestConsumerOptions): BackgroundTask {
  let subscription: Subscription | undefined;
  return {
    name: MAILER_GROUP,
    async start() {
      subscription = await startEventConsumer({
        bus,
        groupId: MAILER_GROUP,
        // A new deployment starts with what happens from now on, not years of welcome emails.
        fromBeginning: false,
        ...(maxAttempts ? { maxAttempts } : {}),
        ...(logger ? { logger } : {}),
        handlers,
      });
    },
    async stop() {
      await subscription?.stop();
      subscription = undefined;
    },
  };
}
