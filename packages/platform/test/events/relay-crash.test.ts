/**
 * The relay killed between "sent" and "marked sent", 20 times, on both buses: every event is
 * published (some twice), none is lost, and an idempotent consumer applies each exactly once.
 *
 * A "kill" is a relay whose bus acknowledges the publish and then never returns control, exactly
 * as if the process died right after the broker's ack: the relay never gets to pull the events
 * from the outbox. A fresh relay (the restarted process) then takes over the same documents.
 */
import pino from 'pino';
import { type Collection, type DocumentStore, type StoredDocument, openNedbStore } from '../../src/documents';
import {
  type EventBus,
  type OutgoingMessage,
  type Subscription,
  applyOnce,
  createOutboxRelay,
  openEmbeddedBus,
  openKafkaBus,
  outboxPush,
  startEventConsumer,
  withOutbox,
} from '../../src/events';
import { type KafkaMock, kcatAvailable, startKafkaMock } from '../support/kafka-mock';
import { deferred, enrolled, temporaryDirectory, waitFor } from './fixtures';

interface Course extends StoredDocument {
  enrollments: number;
}
interface CourseStats extends StoredDocument {
  enrolled: number;
}

const KILLS = 20;
const CHANGES_PER_ROUND = 4;

interface Adapter {
  name: string;
  open(): Promise<{ bus: EventBus; dispose(): Promise<void> }>;
}

const adapters: Adapter[] = [
  {
    name: 'embedded',
    async open() {
      const directory = await temporaryDirectory('relay-crash');
      const bus = await openEmbeddedBus({ directory: directory.path });
      return { bus, dispose: () => directory.remove() };
    },
  },
];
if (kcatAvailable()) {
  adapters.push({
    name: 'kafka (kcat mock cluster)',
    async open() {
      const mock: KafkaMock = await startKafkaMock();
      const bus = await openKafkaBus({
        settings: { brokers: mock.brokers, clientId: 'relay-crash', partitions: 3, replicationFactor: 3, sendRetries: 2, connectionTimeoutMs: 1000 },
        logger: pino({ level: 'silent' }),
        sessionTimeoutMs: 3000,
        maxWaitTimeMs: 200,
      });
      return { bus, dispose: () => mock.stop() };
    },
  });
}

describe.each(adapters)('relay killed between sent and marked sent: $name', (adapter) => {
  let bus: EventBus;
  let dispose: () => Promise<void>;
  let store: DocumentStore;
  let courses: Collection<Course>;
  let stats: Collection<CourseStats>;
  let consumer: Subscription;
  const deliveries: string[] = [];

  beforeAll(async () => {
    ({ bus, dispose } = await adapter.open());
    store = await openNedbStore();
    courses = await store.collection<Course>({ name: 'courses' });
    stats = await store.collection<CourseStats>({ name: 'course_stats' });
    consumer = await startEventConsumer({
      bus,
      groupId: 'course-stats',
      fromBeginning: true,
      handlers: {
        COURSE_ENROLLED: async (event, { ref }) => {
          deliveries.push(event.event_id);
          await applyOnce(stats, event.course_id, ref, { $inc: { enrolled: 1 } });
        },
      },
    });
  }, 180_000);

  afterAll(async () => {
    await consumer?.stop();
    await bus?.close();
    await store?.close();
    await dispose?.();
  });

  /** A bus that acknowledges, then "dies": the relay never learns the publish succeeded. */
  const dyingAfterAck = (acked: () => void): EventBus => ({
    ...bus,
    async publish(topic: string, messages: OutgoingMessage[]) {
      await bus.publish(topic, messages);
      acked();
      await new Promise<never>(() => {});
    },
  });

  test(`${KILLS} kills: nothing lost, every effect applied once`, async () => {
    const sources = [courses];
    const written: string[] = [];
    for (let round = 0; round < KILLS; round += 1) {
      const courseId = `c-${round % 5}`;
      if (round < 5) {
        await courses.insertOne(withOutbox({ _id: courseId, enrollments: 0 }, []));
        await stats.insertOne({ _id: courseId, enrolled: 0 });
      }
      for (let change = 0; change < CHANGES_PER_ROUND; change += 1) {
        const event = enrolled(courseId, round * CHANGES_PER_ROUND + change);
        written.push(event.event_id);
        await courses.updateOne({ _id: courseId }, outboxPush([event], { $inc: { enrollments: 1 } }));
      }

      const acked = deferred();
      const doomed = createOutboxRelay({ bus: dyingAfterAck(() => acked.resolve()), sources });
      void doomed.flush();
      await acked.promise;
      // Killed: its events are on the bus AND still in the outbox.
      expect((await doomed.backlog()).count).toBe(CHANGES_PER_ROUND);

      const restarted = createOutboxRelay({ bus, sources });
      expect(await restarted.flush()).toBe(CHANGES_PER_ROUND);
      expect((await restarted.backlog()).count).toBe(0);
    }

    const expected = KILLS * CHANGES_PER_ROUND;
    const applied = async () => (await stats.find({})).reduce((sum, doc) => sum + doc.enrolled, 0);
    // Every event went out twice (once per relay life) and reached the consumer twice...
    await waitFor('both copies of every event to be delivered', () => deliveries.length === 2 * expected, 60_000, 50);
    for (const eventId of written) expect(deliveries.filter((id) => id === eventId)).toHaveLength(2);
    // ...and was applied once: counters equal the number of state changes.
    for (const doc of await stats.find({})) {
      const course = await courses.findOne({ _id: doc._id });
      expect(doc.enrolled).toBe(course!.enrollments);
    }
    expect(await applied()).toBe(expected);
  }, 180_000);
});
