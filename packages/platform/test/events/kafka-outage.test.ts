/**
 * Kafka down: while the brokers are unreachable, state changes still succeed (their events wait
 * in the outbox, inside the documents); the backlog grows; when the brokers return it drains to
 * zero and an idempotent consumer has applied every event exactly once.
 *
 * The brokers are librdkafka's mock cluster behind the test proxy; `cut()` closes the proxy's
 * listeners (connections refused on the same addresses) and `restore()` opens them again.
 */
import pino from 'pino';
import { type Collection, type DocumentStore, type StoredDocument, openNedbStore } from '../../src/documents';
import {
  type EventBus,
  type OutboxRelay,
  type Subscription,
  applyOnce,
  createOutboxRelay,
  openKafkaBus,
  startEventConsumer,
  withOutbox,
} from '../../src/events';
import { newId } from '../../src/ids';
import { type KafkaMock, kcatAvailable, startKafkaMock } from '../support/kafka-mock';
import { enrolled, waitFor } from './fixtures';

interface Enrollment extends StoredDocument {
  user_id: string;
  course_id: string;
}
interface CourseStats extends StoredDocument {
  enrolled: number;
}

const CHANGES = 200;
const COURSES = ['c-0', 'c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6', 'c-7'];

(kcatAvailable() ? describe : describe.skip)('Kafka down (kcat mock cluster behind a cuttable proxy)', () => {
  let mock: KafkaMock;
  let bus: EventBus;
  let store: DocumentStore;
  let enrollments: Collection<Enrollment>;
  let stats: Collection<CourseStats>;
  let relay: OutboxRelay;
  let consumer: Subscription;
  const deliveries = new Map<string, number>();

  beforeAll(async () => {
    mock = await startKafkaMock();
    bus = await openKafkaBus({
      settings: { brokers: mock.brokers, clientId: 'outage', partitions: 3, replicationFactor: 3, sendRetries: 1, connectionTimeoutMs: 500 },
      logger: pino({ level: 'silent' }),
      sessionTimeoutMs: 3000,
      maxWaitTimeMs: 200,
    });
    store = await openNedbStore();
    enrollments = await store.collection<Enrollment>({ name: 'enrollments' });
    stats = await store.collection<CourseStats>({ name: 'course_stats' });
    await stats.insertMany(COURSES.map((id) => ({ _id: id, enrolled: 0 })));
    relay = createOutboxRelay({ bus, sources: [enrollments], pollIntervalMs: 100, backoffMs: 100, maxBackoffMs: 800 });
    relay.start();
    consumer = await startEventConsumer({
      bus,
      groupId: 'course-stats',
      fromBeginning: true,
      retryBackoffMs: 50,
      handlers: {
        COURSE_ENROLLED: async (event, { ref }) => {
          deliveries.set(event.event_id, (deliveries.get(event.event_id) ?? 0) + 1);
          await applyOnce(stats, event.course_id, ref, { $inc: { enrolled: 1 } });
        },
      },
    });
  }, 180_000);

  afterAll(async () => {
    await relay?.stop();
    await consumer?.stop();
    await bus?.close();
    await store?.close();
    await mock?.stop();
  });

  const enroll = async (courseId: string): Promise<string> => {
    const enrollment: Enrollment = { _id: newId(), user_id: newId(), course_id: courseId };
    const event = enrolled(courseId, 0, enrollment.user_id);
    await enrollments.insertOne(withOutbox(enrollment, [event]));
    relay.notify();
    return event.event_id;
  };

  const totalEnrolled = async () => (await stats.find({})).reduce((sum, doc) => sum + doc.enrolled, 0);

  test(`${CHANGES} state changes succeed while the broker is unreachable; nothing is lost, each applies once`, async () => {
    await enroll('c-0');
    await waitFor('the warm-up event to be applied', async () => (await totalEnrolled()) === 1, 60_000);

    await mock.cut();
    const written: string[] = [];
    const backlogSamples: number[] = [];
    for (let i = 0; i < CHANGES; i += 1) {
      written.push(await enroll(COURSES[i % COURSES.length]!));
      if (i % 50 === 49) backlogSamples.push((await relay.backlog()).count);
    }
    expect(written).toHaveLength(CHANGES);
    expect(await enrollments.count({})).toBe(CHANGES + 1);
    expect(backlogSamples).toEqual([50, 100, 150, 200]);

    await waitFor('the relay to have failed and backed off twice', () => relay.status().consecutiveFailures >= 2, 60_000);
    const whileDown = await relay.backlog();
    expect(whileDown.count).toBe(CHANGES);
    expect(whileDown.oldestAgeMs).toBeGreaterThan(0);
    expect(relay.status().lastError).toBeDefined();

    await mock.restore();
    await waitFor('the backlog to drain to zero', async () => (await relay.backlog()).count === 0, 60_000, 100);
    await waitFor(`the consumer to apply all ${CHANGES + 1} events`, async () => (await totalEnrolled()) === CHANGES + 1, 60_000, 100);

    // Exactly once in effect: every event delivered at least once, counters match the writes.
    for (const eventId of written) expect(deliveries.get(eventId)).toBeGreaterThanOrEqual(1);
    const perCourse = new Map(COURSES.map((id) => [id, 0]));
    for (let i = 0; i < CHANGES; i += 1) perCourse.set(COURSES[i % COURSES.length]!, perCourse.get(COURSES[i % COURSES.length]!)! + 1);
    perCourse.set('c-0', perCourse.get('c-0')! + 1);
    for (const doc of await stats.find({})) expect(doc.enrolled).toBe(perCourse.get(doc._id));
    expect(relay.status()).toMatchObject({ consecutiveFailures: 0, published: CHANGES + 1 });
  }, 180_000);
});
