import {
  type Admin,
  ConfigResourceTypes,
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
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger';
import { type ConsumerStats, type DeliveredMessage, type EventBus, EventBusError, type OutgoingMessage, type SubscribeOptions, type Subscription } from './bus';
import type { KafkaSettings } from './config';
import { DeadLetterTally, deadLetterHeaders, deliverWithRetries, type RetryWait } from './delivery';
import { kafkaLogCreator } from './kafka-log';
import { TOPICS, deadLetterTopic, topicConfig, type TopicSettings } from './topics';
import { assertValidEvent } from './validate';

/**
 * The Kafka adapter (kafkajs). Production settings are fixed here, not configurable down:
 * an idempotent producer with acks -1 (all in-sync replicas), key = aggregate id, topics created
 * at start with the configured partitions and replication (and a `<topic>.dlq` each), "already
 * exists" being fine.
 *
 * Each publish gives up after KAFKA_SEND_RETRIES so the outbox relay stays in charge of retrying
 * (with backoff, backlog reporting and a clean stop). Sends go out one at a time through the one
 * producer of this bus (so per key, and per topic, in the order they were asked for), and after a
 * failed send the producer is replaced before the next one starts: its sequence numbers may no
 * longer match what the broker holds, and no other send is sharing it at that moment. The cost is
 * possible duplicates, which consumers drop by event_id.
 *
 * Topics are created with their settings (replication, min.insync.replicas, retention: see
 * topics.ts) and checked at start: a topic that exists with weaker settings stops the start.
 *
 * Consumers keep their group membership while a message is retried (heartbeats during the
 * backoff) and give the partition up when the group rebalances; a consumer that crashes with an
 * error kafkajs does not restart from is restarted here.
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
  const deadLetters = new DeadLetterTally();
  // The lag the broker reported with each partition's last fetched batch (kafkajs END_BATCH_PROCESS).
  const lastLag = new Map<string, ConsumerStats['lag'][number]>();

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

  let sending: Promise<unknown> = Promise.resolve();
  const send = (topic: string, messages: Message[]): Promise<void> => {
    const run = sending.then(async () => {
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
    });
    sending = run.catch(() => undefined);
    return run;
  };

  const provision = options.provisionTopics ?? TOPICS;
  if (provision.length > 0) {
    const topicSettings = resolvedTopicSettings(settings);
    const topics = provision.flatMap((topic) => [topic, deadLetterTopic(topic)]);
    const created = await (await adminClient()).createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({
        topic,
        numPartitions: settings.partitions,
        replicationFactor: settings.replicationFactor,
        configEntries: Object.entries(topicConfig(topic, topicSettings)).map(([name, value]) => ({ name, value })),
      })),
    });
    logger?.info({ topics, created }, created ? 'Kafka topics created' : 'Kafka topics already exist');
    await verifyTopics(await adminClient(), topics, topicSettings, logger);
  }
  await producerClient();

  const subscribe = async (subscription: SubscribeOptions): Promise<Subscription> => {
    if (closed) throw new EventBusError('the event bus is closed');
    const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
    const heartbeatInterval = Math.max(100, Math.floor(sessionTimeout / 10));
    const stopping = new AbortController();
    let consumer: Consumer;
    let restarting: Promise<void> | undefined;

    const startMember = async (replayFrom: SubscribeOptions['replayFrom']): Promise<Consumer> => {
      const member: Consumer = kafka.consumer({
        groupId: subscription.groupId,
        sessionTimeout,
        heartbeatInterval,
        maxWaitTimeInMs: options.maxWaitTimeMs ?? 1000,
      });
      member.on(member.events.END_BATCH_PROCESS, ({ payload }) => {
        const entry = { group: subscription.groupId, topic: payload.topic, partition: payload.partition, messages: Math.max(0, Number(payload.offsetLag)) };
        lastLag.set(JSON.stringify([entry.group, entry.topic, entry.partition]), entry);
      });
      member.on(member.events.CRASH, ({ payload }) => {
        // kafkajs restarts by itself after retriable errors; after any other it stays down.
        if (payload.restart || stopping.signal.aborted) return;
        logger?.error({ err: payload.error, group: subscription.groupId }, 'Kafka consumer crashed; restarting it');
        restarting ??= restartMember(member).finally(() => (restarting = undefined));
      });
      try {
        await member.connect();
        await member.subscribe({ topics: subscription.topics, fromBeginning: subscription.fromBeginning ?? false });
        await member.run({
          autoCommit: true,
          eachMessage: async ({ topic, partition, message, heartbeat }) => {
            const delivered = toDelivered(topic, partition, message);
            const outcome = await deliverWithRetries(delivered, subscription, stopping.signal, waitWithHeartbeats(heartbeat, heartbeatInterval));
            // A KafkaJSError leaves the offset unresolved (so uncommitted) without kafkajs logging it as a bug.
            if (outcome.kind === 'abandoned') throw new KafkaJSError('message left for redelivery', { retriable: !stopping.signal.aborted });
            if (outcome.kind === 'dead-letter') {
              logger?.warn({ topic, partition, offset: message.offset, group: subscription.groupId, reason: outcome.reason }, 'message dead-lettered');
              await send(deadLetterTopic(topic), [
                { key: message.key, value: message.value, headers: deadLetterHeaders(delivered, outcome, subscription.groupId) },
              ]);
              deadLetters.add(topic, subscription.groupId);
            }
          },
        });
        if (replayFrom) await seekAll(await adminClient(), member, subscription.topics, replayFrom);
        return member;
      } catch (error) {
        await member.disconnect().catch(() => undefined);
        throw error;
      }
    };

    /** Replaces a crashed member, retrying with backoff until it runs again or the subscription stops. */
    const restartMember = async (crashed: Consumer): Promise<void> => {
      await crashed.disconnect().catch(() => undefined);
      for (let attempt = 1; !stopping.signal.aborted; attempt += 1) {
        try {
          // The group's committed offsets say where to continue; a replay position applied once.
          consumer = await startMember(undefined);
          if (stopping.signal.aborted) await consumer.disconnect().catch(() => undefined);
          return;
        } catch (error) {
          logger?.warn({ err: error, attempt, group: subscription.groupId }, 'Kafka consumer restart failed; retrying');
          await sleep(Math.min(200 * 2 ** attempt, 30_000), undefined, { signal: stopping.signal }).catch(() => undefined);
        }
      }
    };

    try {
      consumer = await startMember(subscription.replayFrom);
    } catch (error) {
      // Half-started (e.g. broker unreachable): leave nothing running behind the caller's back.
      stopping.abort();
      throw error;
    }
    let stopped: Promise<void> | undefined;
    const handle: Subscription = {
      stop: () =>
        (stopped ??= (async () => {
          stopping.abort();
          subscriptions.delete(handle);
          await restarting;
          await consumer.disconnect();
        })()),
    };
    subscriptions.add(handle);
    return handle;
  };

  return {
    kind: 'kafka',
    async consumerStats() {
      return { deadLettered: deadLetters.list(), lag: [...lastLag.values()].map((entry) => ({ ...entry })) };
    },
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

function resolvedTopicSettings(settings: KafkaSettings): TopicSettings {
  return {
    replicationFactor: settings.replicationFactor,
    minInsyncReplicas: settings.minInsyncReplicas ?? Math.min(2, settings.replicationFactor),
    retentionMs: settings.retentionMs ?? 7 * 24 * 3600 * 1000,
  };
}

/**
 * Reads the topics back from the broker and refuses to start when one is weaker than required:
 * fewer replicas than configured, or other settings than topics.ts asks for (a topic created
 * earlier by hand or by an older release). A broker that cannot describe configs (librdkafka's
 * mock in tests) gets the replica check only, with a warning.
 */
async function verifyTopics(admin: Admin, topics: string[], settings: TopicSettings, logger: Logger | undefined): Promise<void> {
  const problems: string[] = [];
  const metadata = await admin.fetchTopicMetadata({ topics });
  for (const { name, partitions } of metadata.topics) {
    const fewest = Math.min(...partitions.map((partition) => partition.replicas.length));
    if (fewest < settings.replicationFactor) problems.push(`${name}: ${fewest} replicas, ${settings.replicationFactor} required`);
  }
  try {
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: Object.keys(topicConfig(name, settings)) })),
    });
    for (const resource of described.resources) {
      const wanted = topicConfig(resource.resourceName, settings);
      for (const entry of resource.configEntries) {
        const expected = wanted[entry.configName];
        if (expected !== undefined && entry.configValue !== expected) {
          problems.push(`${resource.resourceName}: ${entry.configName}=${entry.configValue}, ${expected} required`);
        }
      }
    }
  } catch (error) {
    if (!(error instanceof Error && error.name === 'KafkaJSServerDoesNotSupportApiKey')) throw error;
    logger?.warn({ topics }, 'this Kafka cannot describe topic configs; only replication was checked');
  }
  if (problems.length > 0) {
    throw new EventBusError(`Kafka topics lack the settings this service requires (fix them with kafka-configs.sh, or recreate the topics):\n  - ${problems.join('\n  - ')}`);
  }
}

/** Waits between retries in slices, heartbeating so the group keeps this member; a rebalance ends the wait. */
function waitWithHeartbeats(heartbeat: () => Promise<void>, intervalMs: number): RetryWait {
  return async (ms, stopping) => {
    const until = Date.now() + ms;
    for (let left = ms; left > 0; left = until - Date.now()) {
      await sleep(Math.min(left, intervalMs), undefined, { signal: stopping });
      // Throws during a rebalance: the message is then left uncommitted for the partition's next owner.
      await heartbeat();
    }
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
