import { setTimeout as sleep } from 'node:timers/promises';
import { DLQ_HEADERS, deadLetterTopic, keyOf, type EventBus, type Logger } from '@skillgraph/platform';
import { MailDeliveryError, openSealedToken, SealedTokenError, type MailDeliverySettings, type MailTransport } from '@skillgraph/platform/src/mail';
import type { NotificationRepository } from '../data/notification-repository';
import type { RecipientDirectory } from '../data/recipient-directory';
import type { NotificationRecord, TemplateData } from '../data/records';
import { MAILER_GROUP } from '../events/mail-requests';
import type { MailRenderer } from '../templates/render';
import { createRateGate, type RateRedis } from './rate-gate';

/**
 * Sends queued emails: most urgent first (security mail before the rest), never faster than the
 * global rate, a few at a time. A transient failure (SMTP 4xx, network) is retried with
 * exponential backoff up to `maxAttempts`; a permanent one (5xx, a token that does not open) is
 * FAILED at once and its source event dead-lettered: one attempt, no retry storm.
 */
export interface DispatcherOptions {
  notifications: NotificationRepository;
  recipients: RecipientDirectory;
  transport: MailTransport;
  renderer: MailRenderer;
  /** Opens the sealed tokens of reset and verification emails. */
  tokenKey: Buffer;
  appUrl: string;
  bus: EventBus;
  settings: MailDeliverySettings;
  logger: Logger;
  /** Shared rate counts for several worker processes; absent: this process counts alone. */
  rateRedis?: RateRedis;
  /** Sends in flight at once. Default 4. */
  concurrency?: number;
  /** How long an attempt holds an email before another worker may take it again. Default 2 min. */
  leaseMs?: number;
  clock?: () => Date;
}

export interface Dispatcher {
  start(): void;
  /** Look for due emails now (after one was queued). */
  nudge(): void;
  /** Stops taking emails and waits for the attempts in flight. */
  stop(): Promise<void>;
}

/** Delay before attempt `attempts + 1`: base × 2^(attempts − 1), capped, ±20 % jitter. */
export function retryDelayMs(attempts: number, settings: Pick<MailDeliverySettings, 'retryBackoffMs' | 'maxBackoffMs'>, random = Math.random): number {
  const base = Math.min(settings.retryBackoffMs * 2 ** Math.max(0, attempts - 1), settings.maxBackoffMs);
  return Math.round(base * (0.8 + 0.4 * random()));
}

const LINKS: Partial<Record<NotificationRecord['kind'], string>> = {
  PASSWORD_RESET: '/reset-password?token=',
  EMAIL_VERIFICATION: '/verify-email?token=',
};

function asFailure(error: unknown): MailDeliveryError {
  if (error instanceof MailDeliveryError) return error;
  // A token that does not open, or a template that does not render, will not on the next try either.
  if (error instanceof SealedTokenError) return new MailDeliveryError(error.message, true);
  return new MailDeliveryError(error instanceof Error ? error.message : String(error), true);
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { notifications, recipients, transport, renderer, tokenKey, appUrl, bus, settings, logger } = options;
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 120_000;
  const clock = options.clock ?? (() => new Date());
  const gate = createRateGate({ limit: settings.rateLimit, windowMs: settings.rateWindowMs, ...(options.rateRedis ? { redis: options.rateRedis } : {}) });
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: AbortController = new AbortController();
  const stopping = new AbortController();

  async function nap(ms: number): Promise<void> {
    if (ms <= 0) return;
    await sleep(ms, undefined, { signal: wake.signal }).catch(() => undefined);
    if (wake.signal.aborted) wake = new AbortController();
  }

  async function deadLetter(record: NotificationRecord, reason: string): Promise<void> {
    const { topic, event } = record.source;
    try {
      await bus.publish(deadLetterTopic(topic), [
        {
          key: keyOf(event),
          event,
          headers: {
            [DLQ_HEADERS.reason]: reason.slice(0, 500),
            [DLQ_HEADERS.sourceTopic]: topic,
            [DLQ_HEADERS.group]: MAILER_GROUP,
            [DLQ_HEADERS.attempts]: String(record.attempts),
            [DLQ_HEADERS.failedAt]: clock().toISOString(),
            'x-notification-id': record._id,
            'x-notification-kind': record.kind,
          },
        },
      ]);
      await notifications.markDeadLettered(record._id, clock());
    } catch (error) {
      // The record stays FAILED without `deadLetteredAt`; the loop tries again.
      logger.warn({ err: error, notificationId: record._id }, 'could not dead-letter a failed notification');
    }
  }

  async function attempt(record: NotificationRecord): Promise<void> {
    try {
      const recipient = record.to ?? (await recipients.get(record.userId).then((found) => found && { address: found.email, name: found.name }));
      if (!recipient) throw new MailDeliveryError('recipient unknown: no account event names this user yet', false);
      const token = record.sealedToken ? openSealedToken(tokenKey, record.sealedToken.value, record.sealedToken.context) : undefined;
      const data: TemplateData = { ...record.data, name: recipient.name };
      const linkPath = LINKS[record.kind];
      if (token && linkPath) data.link = `${appUrl}${linkPath}${encodeURIComponent(token)}`;
      const mail = renderer.render(record.kind, record.subject, data);
      await transport.send({
        to: recipient,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: `<${record._id}@notifications.skillgraph>`,
        headers: { 'X-SkillGraph-Notification': record.kind, 'X-SkillGraph-Category': record.category },
      });
      await notifications.markSent(record._id, clock());
      logger.debug({ notificationId: record._id, kind: record.kind, attempts: record.attempts }, 'notification sent');
    } catch (error) {
      const failure = asFailure(error);
      if (failure.permanent || record.attempts >= settings.maxAttempts) {
        const reason = failure.permanent ? failure.message : `gave up after ${record.attempts} attempts: ${failure.message}`;
        const failed = await notifications.markFailed(record._id, reason, clock());
        logger.warn({ notificationId: record._id, kind: record.kind, attempts: record.attempts, reason }, 'notification failed');
        if (failed) await deadLetter(failed, reason);
      } else {
        const retryAt = new Date(clock().getTime() + retryDelayMs(record.attempts, settings));
        await notifications.retryLater(record._id, failure.message, retryAt);
        logger.info({ notificationId: record._id, attempts: record.attempts, retryAt, reason: failure.message }, 'notification will be retried');
      }
    }
  }

  function track(work: Promise<void>): void {
    const settled: Promise<void> = work
      .catch((error: unknown) => logger.error({ err: error }, 'notification attempt crashed'))
      .finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  }

  async function untilNextDue(): Promise<number> {
    const next = await notifications.nextDueAt();
    return next ? Math.min(Math.max(0, next.getTime() - clock().getTime()), settings.pollMs) : settings.pollMs;
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        if (inFlight.size >= concurrency) {
          await Promise.race(inFlight);
          continue;
        }
        const [candidate] = await notifications.due(clock(), 1);
        if (!candidate) {
          for (const record of await notifications.awaitingDeadLetter(10)) await deadLetter(record, record.lastError ?? 'failed');
          await nap(await untilNextDue());
          continue;
        }
        const wait = await gate.take();
        if (wait > 0) {
          // Nothing but time opens the gate, so new emails do not wake this sleep; stop() does.
          await sleep(wait, undefined, { signal: stopping.signal }).catch(() => undefined);
          continue;
        }
        // Counted against the rate: take whatever is most urgent now (a reset may have arrived meanwhile).
        const [top] = await notifications.due(clock(), 1);
        const now = clock();
        const claimed = top && (await notifications.claim(top, now, new Date(now.getTime() + leaseMs)));
        if (claimed) track(attempt(claimed));
      } catch (error) {
        logger.error({ err: error }, 'notification dispatcher failed; retrying');
        await nap(settings.pollMs);
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    nudge() {
      wake.abort();
    },
    async stop() {
      running = false;
      stopping.abort();
      wake.abort();
      await loop;
      await Promise.all([...inFlight]);
    },
  };
}
