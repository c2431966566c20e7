/**
 * The outbox on the document-store port, on every engine this machine has (nedb in memory and on
 * files; MongoDB when MONGODB_URI is set), and the relay that drains it.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { type Collection, type DocumentStore, DuplicateKeyError, type StoredDocument, openMongoStore, openNedbStore } from '../../src/documents';
import {
  type EventBus,
  InvalidEventError,
  type OutgoingMessage,
  createEvent,
  createOutboxRelay,
  openEmbeddedBus,
  outboxPush,
  stripEventFields,
  withOutbox,
} from '../../src/events';
import { TopicLog, topicLogFile } from '../../src/events/event-log';
import { enrolled, temporaryDirectory, waitFor } from './fixtures';
import { recordSkip } from '../../../../test/support/skips';

interface Course extends StoredDocument {
  title: string;
  status: 'DRAFT' | 'PUBLISHED';
}

interface Engine {
  name: string;
  open(): Promise<{ store: DocumentStore; dispose(): Promise<void> }>;
}

const engines: Engine[] = [
  { name: 'nedb in memory', open: async () => ({ store: await openNedbStore(), dispose: async () => {} }) },
  {
    name: 'nedb on files',
    async open() {
      const directory = await temporaryDirectory('outbox');
      return { store: await openNedbStore({ directory: directory.path }), dispose: () => directory.remove() };
    },
  },
];
const mongoUri = process.env.MONGODB_URI;
if (mongoUri) {
  engines.push({
    name: 'MongoDB',
    async open() {
      const dbName = `skillgraph_outbox_${randomUUID().slice(0, 8)}`;
      return {
        store: await openMongoStore({ uri: mongoUri, dbName }),
        async dispose() {
          const connection = await mongoose.createConnection(mongoUri, { dbName }).asPromise();
          await connection.dropDatabase();
          await connection.close();
        },
      };
    },
  });
} else {
  recordSkip('MongoDB adapter: MONGODB_URI is not set (the nedb adapters still run)');
  test.skip('MongoDB adapter: skipped because MONGODB_URI is not set (the nedb adapters still run)', () => {});
}

const created = (course: Course) => createEvent('COURSE_CREATED', { course_id: course._id, instructor_id: 'i-1', title: course.title });
const published = (course: Course) =>
  createEvent('COURSE_PUBLISHED', { course_id: course._id, instructor_id: 'i-1', title: course.title, published_at: new Date().toISOString() });

describe.each(engines)('outbox on $name', (engine) => {
  let store: DocumentStore;
  let dispose: () => Promise<void>;
  let courses: Collection<Course>;
  let directory: Awaited<ReturnType<typeof temporaryDirectory>>;
  let bus: EventBus;

  beforeEach(async () => {
    ({ store, dispose } = await engine.open());
    courses = await store.collection<Course>({ name: 'courses', indexes: [{ fields: ['title'], unique: true }] });
    directory = await temporaryDirectory('outbox-bus');
    bus = await openEmbeddedBus({ directory: directory.path });
  });

  afterEach(async () => {
    await bus.close();
    await store.close();
    await dispose();
    await directory.remove();
  });

  const relayOver = (over: EventBus = bus, options: Partial<Parameters<typeof createOutboxRelay>[0]> = {}) =>
    createOutboxRelay({ bus: over, sources: [courses], pollIntervalMs: 20, ...options });

  const logged = async (topic: string) => {
    const log = await TopicLog.openForReading(topicLogFile(directory.path, topic));
    const records = await log.read(0, 10_000);
    await log.close();
    return records.map((record) => record.value as { event_id: string; event_type: string; course_id: string });
  };

  test('stages events in the same single-document write as the state change', async () => {
    const course: Course = { _id: 'c-1', title: 'Graphs', status: 'DRAFT' };
    const relay = relayOver();
    await courses.insertOne(withOutbox(course, [created(course)]));
    expect(await relay.backlog()).toMatchObject({ count: 1 });

    const publish = published(course);
    const after = await courses.updateOne({ _id: 'c-1', status: 'DRAFT' }, outboxPush([publish], { $set: { status: 'PUBLISHED' } }));
    expect(after?.status).toBe('PUBLISHED');
    expect(await relay.backlog()).toMatchObject({ count: 2 });

    // A write that does not happen stages nothing: no match, or refused by a unique index.
    expect(await courses.updateOne({ _id: 'c-1', status: 'DRAFT' }, outboxPush([published(course)], { $set: { status: 'PUBLISHED' } }))).toBeNull();
    const twin: Course = { _id: 'c-2', title: 'Graphs', status: 'DRAFT' };
    await expect(courses.insertOne(withOutbox(twin, [created(twin)]))).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await relay.backlog()).toMatchObject({ count: 2 });

    const stored = await courses.findOne({ _id: 'c-1' });
    expect(stripEventFields(stored!)).toEqual({ _id: 'c-1', title: 'Graphs', status: 'PUBLISHED' });
  });

  test('refuses an invalid event before anything is written', async () => {
    const course: Course = { _id: 'c-1', title: 'Graphs', status: 'DRAFT' };
    const bad = { ...created(course), instructor_id: '' };
    expect(() => withOutbox(course, [bad])).toThrow(InvalidEventError);
    expect(() => outboxPush([bad], { $set: { status: 'PUBLISHED' } })).toThrow(InvalidEventError);
    expect(await courses.count({})).toBe(0);
  });

  test('the relay publishes in order per key and removes exactly the acknowledged events', async () => {
    const ids = ['c-1', 'c-2', 'c-3'];
    for (const id of ids) {
      const course: Course = { _id: id, title: `Course ${id}`, status: 'DRAFT' };
      await courses.insertOne(withOutbox(course, [created(course)]));
    }
    for (let round = 0; round < 3; round += 1) {
      for (const id of ids) await courses.updateOne({ _id: id }, outboxPush([enrolled(id, round)]));
    }
    // A change staged while the relay is publishing must survive the relay's clean-up.
    let lateEventId: string | undefined;
    const racing: EventBus = {
      ...bus,
      async publish(topic: string, messages: OutgoingMessage[]) {
        await bus.publish(topic, messages);
        if (!lateEventId) {
          const late = enrolled('c-2', 99);
          lateEventId = late.event_id;
          await courses.updateOne({ _id: 'c-2' }, outboxPush([late]));
        }
      },
    };
    const relay = relayOver(racing);
    expect(await relay.flush()).toBe(13);
    expect(await relay.backlog()).toEqual({ count: 0, oldestAgeMs: 0 });

    const events = await logged('course.events');
    expect(events).toHaveLength(13);
    for (const id of ids) {
      const types = events.filter((event) => event.course_id === id).map((event) => event.event_type);
      expect(types.slice(0, 4)).toEqual(['COURSE_CREATED', 'COURSE_ENROLLED', 'COURSE_ENROLLED', 'COURSE_ENROLLED']);
    }
    expect(events.at(-1)!.event_id).toBe(lateEventId);
  });

  test('the relay retries with capped backoff while the bus fails, then drains', async () => {
    let failuresLeft = 4;
    const attempts: number[] = [];
    const flaky: EventBus = {
      ...bus,
      async publish(topic: string, messages: OutgoingMessage[]) {
        attempts.push(Date.now());
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('broker unreachable');
        }
        await bus.publish(topic, messages);
      },
    };
    const relay = relayOver(flaky, { backoffMs: 40, maxBackoffMs: 120 });
    const course: Course = { _id: 'c-1', title: 'Graphs', status: 'DRAFT' };
    await courses.insertOne(withOutbox(course, [created(course)]));
    relay.start();
    await waitFor('two failures', () => relay.status().consecutiveFailures >= 2);
    expect(relay.status().lastError).toBe('broker unreachable');
    const backlog = await relay.backlog();
    expect(backlog.count).toBe(1);
    expect(backlog.oldestAgeMs).toBeGreaterThan(0);
    await waitFor('the backlog to drain', async () => (await relay.backlog()).count === 0, 60_000);
    await relay.stop();
    expect(relay.status()).toMatchObject({ published: 1, consecutiveFailures: 0 });
    const gaps = attempts.slice(1).map((at, index) => at - attempts[index]!);
    // 40, 80, 120 (capped), 120, with ±20 % jitter.
    expect(gaps[0]).toBeGreaterThanOrEqual(30);
    expect(gaps[1]).toBeGreaterThanOrEqual(60);
    expect(gaps[3]).toBeLessThan(400);
  });

  test('notify() publishes right away instead of waiting for the next poll', async () => {
    const relay = relayOver(bus, { pollIntervalMs: 60_000 });
    relay.start();
    await sleep(50);
    const course: Course = { _id: 'c-1', title: 'Graphs', status: 'DRAFT' };
    await courses.insertOne(withOutbox(course, [created(course)]));
    const started = Date.now();
    relay.notify();
    await waitFor('the event to be published', async () => (await relay.backlog()).count === 0, 60_000);
    expect(Date.now() - started).toBeLessThan(1000);
    await relay.stop();
  });
});
