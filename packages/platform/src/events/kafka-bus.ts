import {
  type Admin,
  type Consumer,
  type IHeaders,
  Kafka,
  type KafkaConfig,
  KafkaJSError,
  type KafkaMessage,
  type Message,
  Partitioners,
  type Producer,
} from 'kafkajs';
import type { Logger } from '../logger';
import { type DeliveredMessage, type EventBus, EventBusError, type OutgoingMessage, type SubscribeOptions, type Subscription } from './bus';
import type { KafkaSettings } from './config';
import { deadLetterHeaders, deliverWithRetries } from './delivery';
import { kafkaLogCreator } from './kafka-log';
import { TOPICS, deadLetterTopic } from './topics';
import { assertValidEvent } from './validate';

/**
 * The Kafka adapter (kafkajs). Production settings are fixed here, not configurable down:
 * an idempotent producer with acks -1 (all in-sync replicas), key = aggregate id, topics created
 * at start with the configured partitions and replication (and a `<topic>.dlq` each), "already
 * exists" being fine.
 *
 * Each publish gives up after KAFKA_SEND_RETRIES so the outbox relay stays in charge of retrying
 * (with backoff, backlog reporting and a clean stop). After a failed publish the producer is
 * replaced: its sequence numbers may no longer match what the broker holds, and a fresh producer
 * id cannot be rejected as out of order. The cost is possible duplicates, which consumers drop by
 * event_id.
 */

export interface KafkaBusOptions {
  settings: KafkaSettings;
  logger?: Logger;
  /** Topics created at start, each with its `.dlq`; default every catalogue topic. `[]` creates none (the CLI). */
  provisionTopics?: readonly string[];
  /** Consumer session timeout; a crashed member's partitions move after it. Default 30 s. */
  sessionTimeoutMs?: number;
  /**
   * How long a fetch waits at the broker for new messages (default 1 s). Also bounds how long
   * stopping a subscription waits for the fetch in flight; kafkajs's own default is 5 s.
   */
  maxWaitTimeMs?: number;
}

export interface KafkaBus extends EventBus {
  readonly kind: 'kafka';
}

export async function openKafkaBus(options: KafkaBusOptions): Promise<KafkaBus> {
  const { settings, logger } = options;
  const config: KafkaConfig = {
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: settings.connectionTimeoutMs,
    retry: { retries: settings.sendRetries },
    ...kafkaLogCreator(logger),
  };
  const kafka = new Kafka(config);
  const subscriptions = new Set<Subscription>();
  let producer: Promise<Producer> | undefined;
  let admin: Promise<Admin> | undefined;
  let closed = false;

  const adminClient = (): Promise<Admin> => {
    admin ??= (async () => {
      const client = kafka.admin();
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      admin = undefined;
      throw error;
    });
    return admin;
  };

  const producerClient = (): Promise<Producer> => {
    producer ??= (async () => {
      const client = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        retry: { retries: settings.sendRetries },
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      producer = undefined;
      throw error;
    });
    return producer;
  };

  const send = async (topic: string, messages: Message[]): Promise<void> => {
    if (closed) throw new EventBusError('the event bus is closed');
    const current = producerClient();
    try {
      await (await current).send({ topic, acks: -1, messages });
    } catch (error) {
      if (producer === current) {
        producer = undefined;
        current.then((stale) => stale.disconnect()).catch(() => undefined);
      }
      throw error;
    }
  };

  const provision = options.provisionTopics ?? TOPICS;
  if (provision.length > 0) {
    const topics = provision.flatMap((topic) => [topic, deadLetterTopic(topic)]);
    const created = await (await adminClient()).createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic, numPartitions: settings.partitions, replicationFactor: settings.replicationFactor })),
    });
    logger?.info({ topics, created }, created ? 'Kafka topics created' : 'Kafka topics already exist');
  }
  await producerClient();

  const subscribe = async (subscription: SubscribeOptions): Promise<Subscription> => {
    if (closed) throw new EventBusError('the event bus is closed');
    const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
    const consumer: Consumer = kafka.consumer({
      groupId: subscription.groupId,
      sessionTimeout,
      heartbeatInterval: Math.max(100, Math.floor(sessionTimeout / 10)),
      maxWaitTimeInMs: options.maxWaitTimeMs ?? 1000,
    });
    const stopping = new AbortController();
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: subscription.topics, fromBeginning: subscription.fromBeginning ?? false });
      await consumer.run({
        autoCommit: true,
        eachMessage: async ({ topic, partition, message }) => {
          const delivered = toDelivered(topic, partition, message);
          const outcome = await deliverWithRetries(delivered, subscription, stopping.signal);
          // A KafkaJSError leaves the offset unresolved (so uncommitted) without kafkajs logging it as a bug.
          if (outcome.kind === 'abandoned') throw new KafkaJSError('subscription stopped mid-message', { retriable: false });
          if (outcome.kind === 'dead-letter') {
            logger?.warn({ topic, partition, offset: message.offset, group: subscription.groupId, reason: outcome.reason }, 'message dead-lettered');
            await send(deadLetterTopic(topic), [
              { key: message.key, value: message.value, headers: deadLetterHeaders(delivered, outcome, subscription.groupId) },
            ]);
          }
        },
      });
      if (subscription.replayFrom) await seekAll(await adminClient(), consumer, subscription.topics, subscription.replayFrom);
    } catch (error) {
      // Half-started (e.g. broker unreachable): leave nothing running behind the caller's back.
      stopping.abort();
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    let stopped: Promise<void> | undefined;
    const handle: Subscription = {
      stop: () =>
        (stopped ??= (async () => {
          stopping.abort();
          subscriptions.delete(handle);
          await consumer.disconnect();
        })()),
    };
    subscriptions.add(handle);
    return handle;
  };

  return {
    kind: 'kafka',
    async publish(topic: string, messages: OutgoingMessage[]) {
      if (messages.length === 0) return;
      await send(
        topic,
        messages.map((message) => ({ key: message.key, value: JSON.stringify(assertValidEvent(message.event)), headers: message.headers })),
      );
    },
    subscribe,
    async close() {
      if (closed) return;
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      closed = true;
      const clients = await Promise.allSettled([producer, admin].filter((client) => client !== undefined));
      await Promise.all(clients.flatMap((client) => (client.status === 'fulfilled' ? [client.value.disconnect()] : [])));
    },
  };
}

async function seekAll(admin: Admin, consumer: Consumer, topics: string[], position: NonNullable<SubscribeOptions['replayFrom']>): Promise<void> {
  for (const topic of topics) {
    const offsets =
      'time' in position
        ? await admin.fetchTopicOffsetsByTimestamp(topic, position.time.getTime())
        : (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({
            partition,
            offset: String(clamp(BigInt(position.offset), BigInt(low), BigInt(high))),
          }));
    offsets.forEach(({ partition, offset }) => consumer.seek({ topic, partition, offset }));
  }
}

const clamp = (value: bigint, low: bigint, high: bigint): bigint => (value < low ? low : value > high ? high : value);

function toDelivered(topic: string, partition: number, message: KafkaMessage): Omit<DeliveredMessage, 'attempt'> {
  const text = message.value?.toString('utf8') ?? '';
  let value: unknown = text;
  try {
    value = JSON.parse(text);
  } catch {
    // Left as text: validation on receipt rejects it and it is dead-lettered, body intact.
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value,
    headers: decodeHeaders(message.headers),
    timestamp: new Date(Number(message.timestamp)),
  };
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    decoded[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return decoded;
}
