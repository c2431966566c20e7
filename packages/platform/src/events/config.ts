import path from 'node:path';
import { z } from 'zod';
import { type Env, env, loadConfig } from '../config';

/**
 * Event-system settings. The mode follows from KAFKA_BROKERS alone: set → Kafka, unset → the
 * embedded bus with its log under `<DATA_DIR>/events`. Every bad value is reported at once.
 */

const positiveInt = (fallback: number, what: string) =>
  z.coerce.number({ error: `must be ${what}` }).int(`must be a whole number (${what})`).min(1, `must be at least 1 (${what})`).default(fallback);

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const brokerList = z
  .string()
  .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
  .superRefine((brokers, context) => {
    if (brokers.length === 0) context.addIssue({ code: 'custom', message: 'must list at least one broker, e.g. kafka-1:9092,kafka-2:9092' });
    for (const broker of brokers.filter((candidate) => !BROKER.test(candidate))) {
      context.addIssue({ code: 'custom', message: `"${broker}" is not host:port, e.g. kafka-1:9092` });
    }
  });

export const eventsEnvSchema = z.object({
  DATA_DIR: env.directory('./data'),
  /** Comma-separated host:port list; its presence selects Kafka. */
  KAFKA_BROKERS: z.preprocess((value) => (value === '' ? undefined : value), brokerList.optional()),
  KAFKA_CLIENT_ID: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be letters, digits, ".", "_" or "-"').default('skillgraph'),
  /** Partitions of each topic created at start; more partitions, more consumers in parallel. */
  KAFKA_TOPIC_PARTITIONS: positiveInt(6, 'a partition count'),
  /** Replicas of each topic; 3 for production, 1 for a single-broker compose stack. */
  KAFKA_REPLICATION_FACTOR: positiveInt(3, 'a replication factor'),
  /** Replicas that must have a message before acks -1 succeeds; default min(2, replication factor). */
  KAFKA_MIN_INSYNC_REPLICAS: z.preprocess((value) => (value === '' ? undefined : value), positiveInt(1, 'a replica count').optional()),
  /** Retention of the topics no projection replays (the replayed ones are kept forever). */
  KAFKA_RETENTION_MS: positiveInt(7 * 24 * 3600 * 1000, 'milliseconds'),
  /** kafkajs retries inside one publish before the relay's own backoff takes over. */
  KAFKA_SEND_RETRIES: positiveInt(5, 'a retry count'),
  KAFKA_CONNECTION_TIMEOUT_MS: positiveInt(3000, 'milliseconds'),
  /** Embedded log: fdatasync each appended batch (turn off only for throwaway data). */
  EVENTS_FSYNC: env.boolean(true),
  /** Relay: how often it looks for staged events when nobody nudged it. */
  EVENTS_RELAY_POLL_MS: positiveInt(500, 'milliseconds'),
  EVENTS_RELAY_BATCH_SIZE: positiveInt(500, 'an event count'),
  /** Relay: first retry delay while the bus fails, doubled up to the maximum. */
  EVENTS_RELAY_BACKOFF_MS: positiveInt(200, 'milliseconds'),
  EVENTS_RELAY_MAX_BACKOFF_MS: positiveInt(30_000, 'milliseconds'),
  /** Consumers: attempts before a message goes to its dead-letter topic. */
  EVENTS_CONSUMER_MAX_ATTEMPTS: positiveInt(5, 'an attempt count'),
});

export type EventsEnv = z.output<typeof eventsEnvSchema>;

// More required in-sync replicas than replicas would make every acks -1 publish fail.
function minInsyncWithinReplicas(value: EventsEnv, context: z.RefinementCtx): void {
  if (value.KAFKA_MIN_INSYNC_REPLICAS !== undefined && value.KAFKA_MIN_INSYNC_REPLICAS > value.KAFKA_REPLICATION_FACTOR) {
    context.addIssue({ code: 'custom', path: ['KAFKA_MIN_INSYNC_REPLICAS'], message: `must not exceed KAFKA_REPLICATION_FACTOR (${value.KAFKA_REPLICATION_FACTOR})` });
  }
}

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  partitions: number;
  replicationFactor: number;
  /** Default min(2, replicationFactor): acks -1 then means at least this many copies. */
  minInsyncReplicas?: number;
  /** Retention of topics nobody replays; default 7 days. */
  retentionMs?: number;
  sendRetries: number;
  connectionTimeoutMs: number;
}

export interface RelaySettings {
  pollIntervalMs: number;
  batchSize: number;
  backoffMs: number;
  maxBackoffMs: number;
}

export type EventsConfig = {
  relay: RelaySettings;
  consumerMaxAttempts: number;
} & ({ mode: 'kafka'; kafka: KafkaSettings } | { mode: 'embedded'; directory: string; fsync: boolean });

export function loadEventsConfig(environment: Env, service = 'events'): EventsConfig {
  const parsed = loadConfig(service, eventsEnvSchema.superRefine(minInsyncWithinReplicas), environment);
  const common = {
    relay: {
      pollIntervalMs: parsed.EVENTS_RELAY_POLL_MS,
      batchSize: parsed.EVENTS_RELAY_BATCH_SIZE,
      backoffMs: parsed.EVENTS_RELAY_BACKOFF_MS,
      maxBackoffMs: Math.max(parsed.EVENTS_RELAY_BACKOFF_MS, parsed.EVENTS_RELAY_MAX_BACKOFF_MS),
    },
    consumerMaxAttempts: parsed.EVENTS_CONSUMER_MAX_ATTEMPTS,
  };
  if (parsed.KAFKA_BROKERS) {
    return {
      ...common,
      mode: 'kafka',
      kafka: {
        brokers: parsed.KAFKA_BROKERS,
        clientId: parsed.KAFKA_CLIENT_ID,
        partitions: parsed.KAFKA_TOPIC_PARTITIONS,
        replicationFactor: parsed.KAFKA_REPLICATION_FACTOR,
        minInsyncReplicas: parsed.KAFKA_MIN_INSYNC_REPLICAS ?? Math.min(2, parsed.KAFKA_REPLICATION_FACTOR),
        retentionMs: parsed.KAFKA_RETENTION_MS,
        sendRetries: parsed.KAFKA_SEND_RETRIES,
        connectionTimeoutMs: parsed.KAFKA_CONNECTION_TIMEOUT_MS,
      },
    };
  }
  return { ...common, mode: 'embedded', directory: path.join(parsed.DATA_DIR, 'events'), fsync: parsed.EVENTS_FSYNC };
}
