import { setTimeout as sleep } from 'node:timers/promises';
import { type DeliveredMessage, DLQ_HEADERS, PermanentFailure, type SubscribeOptions } from './bus';

/** Retry and dead-letter policy shared by both bus adapters, so they cannot drift apart. */

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_RETRY_BACKOFF_MS = 200;
const MAX_RETRY_BACKOFF_MS = 10_000;

export type DeliveryOutcome =
  | { kind: 'handled' }
  | { kind: 'dead-letter'; reason: string; attempts: number }
  /** The subscription stopped while the message was failing: leave it uncommitted for redelivery. */
  | { kind: 'abandoned' };

/**
 * Waits between attempts; rejects when the subscription stops (or, for Kafka, when the member must
 * give the partition up). The default sleeps; the Kafka adapter keeps its group membership alive
 * while it waits (see kafka-bus.ts), so a retry never outlasts the session timeout.
 */
export type RetryWait = (ms: number, stopping: AbortSignal) => Promise<void>;

const sleepUnlessStopped: RetryWait = (ms, stopping) => sleep(ms, undefined, { signal: stopping });

export async function deliverWithRetries(
  message: Omit<DeliveredMessage, 'attempt'>,
  options: Pick<SubscribeOptions, 'handler' | 'maxAttempts' | 'retryBackoffMs'>,
  stopping: AbortSignal,
  wait: RetryWait = sleepUnlessStopped,
): Promise<DeliveryOutcome> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const backoff = options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await options.handler({ ...message, attempt });
      return { kind: 'handled' };
    } catch (error) {
      if (stopping.aborted) return { kind: 'abandoned' };
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (error instanceof PermanentFailure || attempt >= maxAttempts) return { kind: 'dead-letter', reason, attempts: attempt };
      try {
        await wait(Math.min(backoff * 2 ** (attempt - 1), MAX_RETRY_BACKOFF_MS), stopping);
      } catch {
        return { kind: 'abandoned' };
      }
    }
  }
}

export function deadLetterHeaders(
  message: Omit<DeliveredMessage, 'attempt'>,
  outcome: Extract<DeliveryOutcome, { kind: 'dead-letter' }>,
  groupId: string,
): Record<string, string> {
  return {
    ...message.headers,
    [DLQ_HEADERS.reason]: outcome.reason.slice(0, 2000),
    [DLQ_HEADERS.sourceTopic]: message.topic,
    [DLQ_HEADERS.sourcePartition]: String(message.partition),
    [DLQ_HEADERS.sourceOffset]: message.offset,
    [DLQ_HEADERS.group]: groupId,
    [DLQ_HEADERS.attempts]: String(outcome.attempts),
    [DLQ_HEADERS.failedAt]: new Date().toISOString(),
  };
}

/** Dead letters counted per source topic and group, for `EventBus.consumerStats`. */
export class DeadLetterTally {
  private readonly counts = new Map<string, { topic: string; group: string; count: number }>();

  add(topic: string, group: string): void {
    const key = JSON.stringify([topic, group]);
    const entry = this.counts.get(key) ?? { topic, group, count: 0 };
    entry.count += 1;
    this.counts.set(key, entry);
  }

  list(): { topic: string; group: string; count: number }[] {
    return [...this.counts.values()].map((entry) => ({ ...entry }));
  }
}
