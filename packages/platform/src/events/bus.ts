import type { AnyEvent } from './catalogue';

/**
 * The event-bus port. Two adapters implement it: Kafka (kafkajs) when KAFKA_BROKERS is set, and
 * the embedded bus (in-process delivery over a durable log in the data directory) otherwise. One
 * contract suite (test/events/bus.contract.test.ts) pins the behaviour both must share.
 *
 * Delivery is at least once: a message is committed for a group only after its handler resolved
 * (or it was dead-lettered), so a consumer that stops mid-message sees it again, and consumers
 * deduplicate by `event_id` (see consumer.ts).
 */

export interface OutgoingMessage {
  /** Aggregate id; messages with one key keep their order. */
  key: string;
  event: AnyEvent;
  headers?: Record<string, string>;
}

export interface DeliveredMessage {
  topic: string;
  partition: number;
  /** Position in the partition (Kafka offsets are 64-bit, hence a string). */
  offset: string;
  key: string | null;
  /** The decoded JSON body; not yet validated (consumers validate on receipt). */
  value: unknown;
  headers: Record<string, string>;
  timestamp: Date;
  /** 1 on first delivery to this subscriber, then 2, 3... while the handler keeps failing. */
  attempt: number;
}

export type ReplayPosition = { offset: number } | { time: Date };

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  /** Where a group with no committed position starts: the oldest message, else (default) only new ones. */
  fromBeginning?: boolean;
  /** Moves the group to this position in every partition before consuming (replay). */
  replayFrom?: ReplayPosition;
  /** Attempts before a message goes to `<topic>.dlq`; default 5. */
  maxAttempts?: number;
  /** First retry delay, doubled per attempt; default 200 ms. */
  retryBackoffMs?: number;
  handler: (message: DeliveredMessage) => Promise<void>;
}

export interface Subscription {
  /** Leaves the group after the message in hand settles; a failure after stop is not committed. */
  stop(): Promise<void>;
}

/** What a bus can tell about its consumers, for metrics (read when Prometheus scrapes). */
export interface ConsumerStats {
  /** Messages dead-lettered since this bus opened, by source topic and group. */
  deadLettered: { topic: string; group: string; count: number }[];
  /**
   * Messages not yet committed, by group, topic and partition, where the bus can tell (embedded:
   * log end − committed position; Kafka: the lag the broker reported with the last batch).
   */
  lag: { group: string; topic: string; partition: number; messages: number }[];
}

export interface EventBus {
  readonly kind: 'kafka' | 'embedded';
  /** Dead letters and lag of this bus's consumers; optional so other implementations stay valid. */
  consumerStats?(): Promise<ConsumerStats>;
  /** Resolves once every message is durably acknowledged (Kafka: acks from all in-sync replicas). */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}

/** Thrown by a handler for a message that can never succeed: it is dead-lettered without retries. */
export class PermanentFailure extends Error {
  override readonly name = 'PermanentFailure';
}

/** Headers a dead-lettered message carries, next to its original body and key. */
export const DLQ_HEADERS = {
  reason: 'x-dlq-reason',
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  group: 'x-dlq-group',
  attempts: 'x-dlq-attempts',
  failedAt: 'x-dlq-failed-at',
} as const;

/** The bus was used after close(), or a topic name is unusable. */
export class EventBusError extends Error {
  override readonly name = 'EventBusError';
}
