/**
 * What only the Kafka adapter does, checked on the wire (the test proxy records what clients
 * send): topic provisioning, the idempotent producer with acks -1, clean shutdown.
 */
import pino from 'pino';
import { EventBusError, type KafkaSettings, TOPICS, openKafkaBus } from '../../src/events';
import { type KafkaMock, kcatAvailable, startKafkaMock } from '../support/kafka-mock';
import { enrolled } from './fixtures';

const INIT_PRODUCER_ID = 22;

(kcatAvailable() ? describe : describe.skip)('Kafka adapter (kcat mock cluster)', () => {
  let mock: KafkaMock;
  let settings: KafkaSettings;

  beforeAll(async () => {
    mock = await startKafkaMock();
    settings = { brokers: mock.brokers, clientId: 'kafka-bus', partitions: 4, replicationFactor: 2, sendRetries: 2, connectionTimeoutMs: 1000 };
  });
  afterAll(async () => mock?.stop());

  test('creates every topic and its dead-letter topic at start; a second start finds them existing', async () => {
    const first = await openKafkaBus({ settings, logger: pino({ level: 'silent' }) });
    const requested = mock.observed.createTopics.map((request) => request.topic).sort();
    expect(requested).toEqual(TOPICS.flatMap((topic) => [topic, `${topic}.dlq`]).sort());
    expect(new Set(mock.observed.createTopics.map(({ partitions, replicationFactor }) => `${partitions}/${replicationFactor}`))).toEqual(new Set(['4/2']));
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const second = await openKafkaBus({ settings, logger });
    expect(lines.some((line) => line.includes('Kafka topics already exist'))).toBe(true);
    await Promise.all([first.close(), second.close()]);
  });

  test('publishes through an idempotent producer with acks -1, and refuses work once closed', async () => {
    const bus = await openKafkaBus({ settings, provisionTopics: [] });
    await bus.publish('course.events', [{ key: 'c-1', event: enrolled('c-1', 1) }]);
    expect(mock.observed.requests.get(INIT_PRODUCER_ID)).toBeGreaterThanOrEqual(1);
    expect([...mock.observed.produceAcks]).toEqual([-1]);
    await bus.close();
    await expect(bus.publish('course.events', [{ key: 'c-1', event: enrolled('c-1', 2) }])).rejects.toBeInstanceOf(EventBusError);
    await expect(bus.subscribe({ groupId: 'g', topics: ['course.events'], handler: async () => {} })).rejects.toBeInstanceOf(EventBusError);
  });
});
