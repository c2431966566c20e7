import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger';
import { type ConsumerStats, type DeliveredMessage, type EventBus, EventBusError, type OutgoingMessage, type SubscribeOptions, type Subscription } from './bus';
import { deadLetterTopic } from './topics';
import { DeadLetterTally, type DeliveryOutcome, deadLetterHeaders, deliverWithRetries } from './delivery';
import { type LogRecord, TopicLog, topicLogFile } from './event-log';
import { GroupPositions } from './group-positions';
import { sealEvent } from './validate';

/**
 * The embedded adapter: in-process delivery over the durable per-topic logs of event-log.ts.
 *
 * Each topic is one partition. In a consumer group, each topic is consumed by one member at a
 * time (the oldest live subscriber), in log order, one message at a time; its position is
 * committed after each message. When that member stops, the next one takes over from the
 * committed position, so the message it held is delivered again.
 */

export interface EmbeddedBusOptions {
  /** Folder of the logs, usually `<DATA_DIR>/events`. */
  directory: string;
  /** fdatasync every appended batch before acknowledging it (default true). */
  fsync?: boolean;
  logger?: Logger;
}

export interface EmbeddedBus extends EventBus {
  readonly kind: 'embedded';
  readonly directory: string;
}

interface Member {
  options: SubscribeOptions;
  stopping: AbortController;
  inFlight: Set<Promise<DeliveryOutcome>>;
}

interface Group {
  id: string;
  positions: GroupPositions;
  members: Member[];
  pumps: Map<string, PumpState>;
}

interface PumpState {
  running: Promise<void> | undefined;
  again: boolean;
}

const READ_BATCH = 200;

export async function openEmbeddedBus(options: EmbeddedBusOptions): Promise<EmbeddedBus> {
  const { directory, fsync = true, logger } = options;
  const logs = new Map<string, Promise<TopicLog>>();
  const groups = new Map<string, Promise<Group>>();
  let closed = false;
  const deadLetters = new DeadLetterTally();

  const logFor = (topic: string): Promise<TopicLog> => {
    let log = logs.get(topic);
    if (!log) {
      log = TopicLog.openForAppend(topicLogFile(directory, topic), { fsync });
      logs.set(topic, log);
      log.catch(() => logs.delete(topic));
    }
    return log;
  };

  const groupFor = (groupId: string): Promise<Group> => {
    let group = groups.get(groupId);
    if (!group) {
      group = GroupPositions.load(directory, groupId).then((positions) => ({ id: groupId, positions, members: [], pumps: new Map() }));
      groups.set(groupId, group);
      group.catch(() => groups.delete(groupId));
    }
    return group;
  };

  const append = async (topic: string, entries: Parameters<TopicLog['append']>[0]): Promise<void> => {
    if (closed) throw new EventBusError('the event bus is closed');
    await (await logFor(topic)).append(entries);
    void wake(topic);
  };

  const wake = async (topic: string): Promise<void> => {
    for (const loaded of await Promise.allSettled(groups.values())) {
      const group = loaded.status === 'fulfilled' ? loaded.value : undefined;
      if (group?.members.some((member) => member.options.topics.includes(topic))) pump(group, topic);
    }
  };

  /** Delivers `topic` to `group` until its owner is gone or it caught up; never runs twice at once. */
  const pump = (group: Group, topic: string): void => {
    let state = group.pumps.get(topic);
    if (!state) {
      state = { running: undefined, again: false };
      group.pumps.set(topic, state);
    }
    if (state.running) {
      state.again = true;
      return;
    }
    const pumpState = state;
    const run = async (): Promise<void> => {
      do {
        pumpState.again = false;
        while (await deliverNextBatch(group, topic));
      } while (pumpState.again && !closed);
    };
    pumpState.running = run()
      .catch(async (error: unknown) => {
        if (closed) return;
        logger?.error({ err: error, topic, group: group.id }, 'embedded bus delivery failed; retrying shortly');
        await sleep(500);
        pumpState.again = true;
      })
      .finally(() => {
        pumpState.running = undefined;
        if (pumpState.again && !closed) pump(group, topic);
      });
  };

  /** Returns whether there may be more to deliver right away. */
  const deliverNextBatch = async (group: Group, topic: string): Promise<boolean> => {
    const owner = group.members.find((member) => !member.stopping.signal.aborted && member.options.topics.includes(topic));
    if (!owner || closed) return false;
    const log = await logFor(topic);
    const records = await log.read(group.positions.get(topic) ?? 0, READ_BATCH);
    if (records.length === 0) return false;
    for (const record of records) {
      if (owner.stopping.signal.aborted || closed) return true;
      const message = toDelivered(topic, record);
      const delivery = deliverWithRetries(message, owner.options, owner.stopping.signal);
      owner.inFlight.add(delivery);
      const outcome = await delivery.finally(() => owner.inFlight.delete(delivery));
      if (outcome.kind === 'abandoned') return true;
      if (outcome.kind === 'dead-letter') {
        logger?.warn({ topic, offset: record.offset, group: group.id, reason: outcome.reason }, 'message dead-lettered');
        await append(deadLetterTopic(topic), [{ key: record.key, headers: deadLetterHeaders(message, outcome, group.id), value: record.value }]);
        deadLetters.add(topic, group.id);
      }
      group.positions.commit(topic, record.offset + 1);
    }
    return true;
  };

  const bus: EmbeddedBus = {
    kind: 'embedded',
    directory,
    async consumerStats() {
      const lag: ConsumerStats['lag'] = [];
      for (const loaded of await Promise.allSettled(groups.values())) {
        if (loaded.status !== 'fulfilled') continue;
        const group = loaded.value;
        const topics = new Set(group.members.flatMap((member) => member.options.topics));
        for (const topic of topics) {
          const committed = group.positions.get(topic) ?? 0;
          lag.push({ group: group.id, topic, partition: 0, messages: Math.max(0, (await logFor(topic)).endOffset - committed) });
        }
      }
      return { deadLettered: deadLetters.list(), lag };
    },
    async publish(topic: string, messages: OutgoingMessage[]) {
      // Sealed (validated and frozen): in-process subscribers share the object, as no Kafka consumer could.
      const entries = messages.map((message) => ({ key: message.key, headers: message.headers ?? {}, value: sealEvent(message.event) }));
      await append(topic, entries);
    },
    async subscribe(subscription: SubscribeOptions): Promise<Subscription> {
      if (closed) throw new EventBusError('the event bus is closed');
      const group = await groupFor(subscription.groupId);
      for (const topic of subscription.topics) {
        const log = await logFor(topic);
        const replay = subscription.replayFrom;
        if (replay) {
          const offset = 'time' in replay ? await log.offsetForTime(replay.time) : Math.max(0, Math.min(replay.offset, log.endOffset));
          group.positions.commit(topic, offset);
        } else if (group.positions.get(topic) === undefined) {
          group.positions.commit(topic, subscription.fromBeginning ? 0 : log.endOffset);
        }
      }
      const member: Member = { options: subscription, stopping: new AbortController(), inFlight: new Set() };
      group.members.push(member);
      subscription.topics.forEach((topic) => pump(group, topic));
      let stopped: Promise<void> | undefined;
      return {
        stop: () => (stopped ??= stopMember(group, member)),
      };
    },
    async close() {
      if (closed) return;
      const all = await Promise.all(groups.values());
      await Promise.all(all.flatMap((group) => group.members.map((member) => stopMember(group, member))));
      closed = true;
      await Promise.all(all.flatMap((group) => [...group.pumps.values()].map((state) => state.running ?? Promise.resolve())));
      await Promise.all(all.map((group) => group.positions.flush()));
      const opened = await Promise.allSettled([...logs.values()]);
      await Promise.all(opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value.close()] : [])));
    },
  };

  const stopMember = async (group: Group, member: Member): Promise<void> => {
    member.stopping.abort();
    await Promise.allSettled(member.inFlight);
    group.members = group.members.filter((candidate) => candidate !== member);
    await group.positions.flush();
    if (!closed) member.options.topics.forEach((topic) => pump(group, topic));
  };

  return bus;
}

function toDelivered(topic: string, record: LogRecord): Omit<DeliveredMessage, 'attempt'> {
  return {
    topic,
    partition: 0,
    offset: String(record.offset),
    key: record.key,
    value: record.value,
    headers: record.headers,
    timestamp: new Date(record.timestamp),
  };
}
