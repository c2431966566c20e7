/** The consumer framework and the idempotency rules, over the embedded bus and nedb. */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Collection, type DocumentStore, type StoredDocument, openNedbStore } from '../../src/documents';
import {
  DLQ_HEADERS,
  type DeliveredMessage,
  type EventBus,
  type EventOf,
  applyOnce,
  createEvent,
  insertOnce,
  openEmbeddedBus,
  processedId,
  startEventConsumer,
  stripEventFields,
} from '../../src/events';
import { TopicLog, topicLogFile } from '../../src/events/event-log';
import { enrolled, registered, temporaryDirectory, waitFor } from './fixtures';

interface CourseStats extends StoredDocument {
  enrolled: number;
}
interface Welcome extends StoredDocument {
  user_id: string;
}

describe('event consumers', () => {
  let directory: Awaited<ReturnType<typeof temporaryDirectory>>;
  let bus: EventBus;
  let store: DocumentStore;
  let stats: Collection<CourseStats>;

  beforeEach(async () => {
    directory = await temporaryDirectory('consumer');
    store = await openNedbStore();
    stats = await store.collection<CourseStats>({ name: 'course_stats' });
  });

  afterEach(async () => {
    await bus?.close();
    await store.close();
    await directory.remove();
  });

  const openBus = async () => {
    bus = await openEmbeddedBus({ directory: directory.path });
    return bus;
  };

  test('dispatches by event type, skipping the types it does not handle', async () => {
    await openBus();
    const seen: string[] = [];
    const consumer = await startEventConsumer({
      bus,
      groupId: 'projector',
      fromBeginning: true,
      handlers: {
        COURSE_ENROLLED: async (event, context) => {
          expect(context.ref).toEqual({ groupId: 'projector', eventId: event.event_id });
          seen.push(event.course_title);
        },
      },
    });
    const course = createEvent('COURSE_CREATED', { course_id: 'c-1', instructor_id: 'i-1', title: 'Graphs' });
    const enrolment = enrolled('c-1', 1);
    await bus.publish('course.events', [course, enrolment].map((event) => ({ key: 'c-1', event })));
    await waitFor('the enrolment', () => seen.length === 1);
    expect(seen).toEqual([enrolment.course_title]);
    await consumer.stop();
  });

  test('dead-letters a message that fails validation on receipt, without retrying', async () => {
    // Written straight to the log, as a buggy or foreign producer might: the bus itself refuses it.
    const file = topicLogFile(directory.path, 'user.events');
    const writer = await TopicLog.openForAppend(file);
    await writer.append([{ key: 'u-1', value: { ...registered('u-1'), email: 'not-an-email' } }, { key: 'u-2', value: 'not json at all' }]);
    await writer.close();
    await openBus();
    let calls = 0;
    const consumer = await startEventConsumer({ bus, groupId: 'mailer', fromBeginning: true, handlers: { USER_REGISTERED: async () => void (calls += 1) } });
    const dead: DeliveredMessage[] = [];
    const dlq = await bus.subscribe({ groupId: 'dlq-reader', topics: ['user.events.dlq'], fromBeginning: true, handler: async (message) => void dead.push(message) });
    await waitFor('two dead letters', () => dead.length === 2);
    expect(calls).toBe(0);
    expect(dead[0]!.headers[DLQ_HEADERS.reason]).toMatch(/PermanentFailure: invalid USER_REGISTERED event: \/email: must match format "email"/);
    expect(dead[0]!.headers[DLQ_HEADERS.attempts]).toBe('1');
    expect(dead[1]!.headers[DLQ_HEADERS.reason]).toMatch(/not a JSON object/);
    await Promise.all([consumer.stop(), dlq.stop()]);
  });

  test('applyOnce applies an event once per group and document, even when delivered twice', async () => {
    await openBus();
    await stats.insertMany([{ _id: 'c-1', enrolled: 0 }, { _id: 'c-2', enrolled: 0 }]);
    let deliveries = 0;
    const results: string[] = [];
    const project = (groupId: string) =>
      startEventConsumer({
        bus,
        groupId,
        fromBeginning: true,
        handlers: {
          COURSE_ENROLLED: async (event: EventOf<'COURSE_ENROLLED'>, { ref }) => {
            deliveries += 1;
            results.push(await applyOnce(stats, event.course_id, ref, { $inc: { enrolled: 1 } }));
          },
        },
      });
    const first = enrolled('c-1', 1);
    const second = enrolled('c-2', 2);
    const unknownCourse = enrolled('c-404', 3);
    // At-least-once delivery: the same event may arrive again (here, published twice).
    await bus.publish('course.events', [first, second, first, unknownCourse, second].map((event) => ({ key: event.course_id, event })));
    const [a, b] = await Promise.all([project('stats-a'), project('stats-b')]);
    await waitFor('every delivery to both groups', () => deliveries === 10);
    expect(results.filter((result) => result === 'applied')).toHaveLength(4);
    expect(results.filter((result) => result === 'duplicate')).toHaveLength(4);
    expect(results.filter((result) => result === 'not-found')).toHaveLength(2);
    // Each group applied each event once: 2 per course.
    const docs = await stats.find({}, { sort: { _id: 1 } });
    expect(docs.map((doc) => stripEventFields(doc))).toEqual([
      { _id: 'c-1', enrolled: 2 },
      { _id: 'c-2', enrolled: 2 },
    ]);
    await Promise.all([a.stop(), b.stop()]);
  });

  test('insertOnce creates a document once per event', async () => {
    const welcomes = await store.collection<Welcome>({ name: 'welcomes' });
    const event = registered('u-1');
    const doc = { _id: processedId('mailer', event.event_id), user_id: event.user_id };
    expect(await insertOnce(welcomes, doc)).toBe('applied');
    expect(await insertOnce(welcomes, doc)).toBe('duplicate');
    expect(await welcomes.count({})).toBe(1);
  });

  test('retries a failing handler and resumes after a restart where it committed', async () => {
    await openBus();
    let failures = 2;
    const applied: string[] = [];
    const consumer = await startEventConsumer({
      bus,
      groupId: 'flaky',
      fromBeginning: true,
      retryBackoffMs: 5,
      handlers: {
        COURSE_ENROLLED: async (event) => {
          if (failures > 0) {
            failures -= 1;
            throw new Error('database busy');
          }
          applied.push(event.event_id);
        },
      },
    });
    const first = enrolled('c-1', 1);
    await bus.publish('course.events', [{ key: 'c-1', event: first }]);
    await waitFor('the event after two failures', () => applied.length === 1);
    await consumer.stop();
    await bus.close();

    // The committed position survives a restart of the whole bus.
    await openBus();
    const second = enrolled('c-1', 2);
    await bus.publish('course.events', [{ key: 'c-1', event: second }]);
    const again = await startEventConsumer({ bus, groupId: 'flaky', fromBeginning: true, handlers: { COURSE_ENROLLED: async (event) => void applied.push(event.event_id) } });
    await waitFor('the new event', () => applied.length === 2);
    await sleep(100);
    expect(applied).toEqual([first.event_id, second.event_id]);
    await again.stop();
  });
});
