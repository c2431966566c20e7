/** Event contracts: envelope, schemas, derived types, generated files, configuration. */
import path from 'node:path';
import { ConfigError } from '../../src/errors';
import {
  EVENT_TYPES,
  type EventOf,
  InvalidEventError,
  catalogueEntry,
  createEvent,
  deadLetterTopic,
  keyOf,
  loadEventsConfig,
  topicOf,
  validateEvent,
} from '../../src/events';
import { staleGeneratedFiles } from '../../src/events/schema-files';

const repositoryRoot = path.resolve(__dirname, '../../../..');

describe('event contracts', () => {
  test('createEvent wraps the payload in the envelope', () => {
    const at = new Date('2025-03-01T10:00:00+02:00');
    const event = createEvent('ASSESSMENT_COMPLETED', { user_id: 'u-1', assessment_id: 'a-1', course_id: 'c-1', score: 42, percentage: 84, passed: true }, { at });
    expect(event).toEqual({
      event_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      event_type: 'ASSESSMENT_COMPLETED',
      timestamp: '2025-03-01T08:00:00.000Z',
      version: 1,
      producer: 'assessments',
      user_id: 'u-1',
      assessment_id: 'a-1',
      course_id: 'c-1',
      score: 42,
      percentage: 84,
      passed: true,
    });
    expect(topicOf(event.event_type)).toBe('assessment.events');
    expect(keyOf(event)).toBe('a-1');
  });

  test('the design-note shapes are the schemas', () => {
    const payloadOf = (type: (typeof EVENT_TYPES)[number]) => {
      const schema = catalogueEntry(type).schema as { required: string[] };
      return schema.required.filter((field) => !['event_id', 'event_type', 'timestamp', 'version', 'producer'].includes(field));
    };
    expect(payloadOf('USER_REGISTERED')).toEqual(['user_id', 'email', 'name', 'provider']);
    expect(payloadOf('COURSE_ENROLLED')).toEqual(['user_id', 'course_id', 'course_title']);
    expect(payloadOf('ASSESSMENT_COMPLETED')).toEqual(['user_id', 'assessment_id', 'course_id', 'score', 'percentage', 'passed']);
    expect(payloadOf('CERTIFICATION_ISSUED')).toEqual(['user_id', 'course_id', 'assessment_id', 'certificate_id', 'score', 'percentage']);
    for (const type of EVENT_TYPES.filter((name) => name.startsWith('MEDIA_'))) {
      expect(payloadOf(type)).toEqual(['asset_id', 'owner_id', 'status']);
      expect(topicOf(type)).toBe('media.events');
    }
    expect(new Set(EVENT_TYPES.map(topicOf))).toEqual(new Set(['user.events', 'course.events', 'assessment.events', 'certification.events', 'media.events']));
    expect(deadLetterTopic('course.events')).toBe('course.events.dlq');
  });

  test('validation reports every problem and refuses unknown fields and types', () => {
    const good = createEvent('COURSE_ENROLLED', { user_id: 'u-1', course_id: 'c-1', course_title: 'Graphs' });
    expect(validateEvent(good)).toEqual({ ok: true, event: good });
    const bad = validateEvent({ ...good, event_id: 'nope', timestamp: 'yesterday', course_title: undefined, extra: 1 });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error).toBeInstanceOf(InvalidEventError);
    expect(bad.error.problems).toEqual(
      expect.arrayContaining([
        '/event_id: must match format "uuid"',
        '/timestamp: must match format "date-time"',
        "(event): must have required property 'course_title'",
        '(event): unexpected field extra',
      ]),
    );
    expect(validateEvent({ ...good, event_type: 'COURSE_EXPLODED' })).toMatchObject({ ok: false });
    expect(validateEvent({ ...good, version: 2 })).toMatchObject({ ok: false });
    expect(() => createEvent('MEDIA_INFECTED', { asset_id: 'm-1', owner_id: 'u-1', status: 'CLEAN' as 'INFECTED' })).toThrow(InvalidEventError);
  });

  test('types are derived from the schemas', () => {
    const event: EventOf<'CERTIFICATION_ISSUED'> = createEvent('CERTIFICATION_ISSUED', {
      user_id: 'u-1',
      course_id: 'c-1',
      assessment_id: 'a-1',
      certificate_id: 'cert-1',
      score: 9,
      percentage: 90,
    });
    const percentage: number = event.percentage;
    // @ts-expect-error the schema has no such field, so the type has none either
    expect(event.grade).toBeUndefined();
    // @ts-expect-error a required payload field is missing
    expect(() => createEvent('COURSE_ENROLLED', { user_id: 'u-1', course_id: 'c-1' })).toThrow(InvalidEventError);
    expect(percentage).toBe(90);
  });

  test('schema/events/*.schema.json and the docs/events.md table are up to date', async () => {
    // If this fails: npm run events -- schemas
    expect(await staleGeneratedFiles(repositoryRoot)).toEqual([]);
  });

  test('configuration picks the mode from KAFKA_BROKERS and reports every bad value', () => {
    expect(loadEventsConfig({ DATA_DIR: '/tmp/data' })).toMatchObject({ mode: 'embedded', directory: '/tmp/data/events', fsync: true });
    expect(loadEventsConfig({ KAFKA_BROKERS: 'k1:9092, k2:9092' })).toMatchObject({
      mode: 'kafka',
      kafka: { brokers: ['k1:9092', 'k2:9092'], clientId: 'skillgraph', partitions: 6, replicationFactor: 3 },
    });
    expect(loadEventsConfig({ KAFKA_BROKERS: '' })).toMatchObject({ mode: 'embedded' });
    let error: unknown;
    try {
      loadEventsConfig({ KAFKA_BROKERS: 'kafka', KAFKA_TOPIC_PARTITIONS: '0', KAFKA_REPLICATION_FACTOR: 'three', EVENTS_FSYNC: 'maybe' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(4);
    expect((error as ConfigError).problems.join('\n')).toMatch(/KAFKA_BROKERS: "kafka" is not host:port/);
  });
});
