/**
 * W3C trace context through the event system: an event staged inside a traced request carries
 * that request's `traceparent` in the outbox, the relay sends it as a message header, and the
 * consumer's span continues the same trace as a child of the staging span.
 */
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { type Collection, type DocumentStore, type StoredDocument, openNedbStore } from '../../src/documents';
import { type EventBus, createEvent, createOutboxRelay, openEmbeddedBus, startEventConsumer, withOutbox, type Subscription } from '../../src/events';
import { pendingEvents } from '../../src/events/outbox';
import { TopicLog, topicLogFile } from '../../src/events/event-log';
import { startTracing, type TracingHandle } from '../../src/observability';
import { temporaryDirectory, waitFor } from './fixtures';

interface Course extends StoredDocument {
  title: string;
}

const exporter = new InMemorySpanExporter();
let tracing: TracingHandle;
let store: DocumentStore;
let courses: Collection<Course>;
let directory: Awaited<ReturnType<typeof temporaryDirectory>>;
let bus: EventBus;
let relay: ReturnType<typeof createOutboxRelay>;
let consumer: Subscription;
const handled: string[] = [];

beforeAll(async () => {
  tracing = startTracing({ enabled: true, serviceName: 'events-test' }, [new SimpleSpanProcessor(exporter)]);
  store = await openNedbStore();
  courses = await store.collection<Course>({ name: 'courses' });
  directory = await temporaryDirectory('trace-context');
  bus = await openEmbeddedBus({ directory: directory.path });
  relay = createOutboxRelay({ bus, sources: [courses], pollIntervalMs: 20 });
  relay.start();
  consumer = await startEventConsumer({
    bus,
    groupId: 'trace-test',
    fromBeginning: true,
    handlers: {
      COURSE_CREATED: async (event) => {
        handled.push(event.course_id);
      },
    },
  });
});
afterAll(async () => {
  await consumer.stop();
  await relay.stop();
  await bus.close();
  await store.close();
  await directory.remove();
  await tracing.stop();
});

const created = (course: Course) => createEvent('COURSE_CREATED', { course_id: course._id, instructor_id: 'i-1', title: course.title });
const consumeSpanOf = (courseId: string): ReadableSpan | undefined =>
  exporter
    .getFinishedSpans()
    .find((span) => span.name === 'consume COURSE_CREATED' && span.attributes['messaging.message.id'] === courseEventIds.get(courseId));
const courseEventIds = new Map<string, string>();

async function logHeaders(): Promise<Record<string, string>[]> {
  const log = await TopicLog.openForReading(topicLogFile(directory.path, 'course.events'));
  const records = await log.read(0, 1000);
  await log.close();
  return records.map((record) => record.headers);
}

describe('trace context in event headers', () => {
  it('an event staged in a traced request is consumed in a child span of the same trace', async () => {
    const course: Course = { _id: 'c-traced', title: 'Graphs' };
    const event = created(course);
    courseEventIds.set(course._id, event.event_id);
    const { traceId, spanId } = await trace.getTracer('test').startActiveSpan('request', async (span) => {
      await courses.insertOne(withOutbox(course, [event]));
      span.end();
      return span.spanContext();
    });

    await waitFor('the consumer span', () => consumeSpanOf(course._id) !== undefined);
    const consumed = consumeSpanOf(course._id)!;
    expect(consumed.spanContext().traceId).toBe(traceId);
    expect(consumed.parentSpanContext?.spanId).toBe(spanId);
    expect(consumed.attributes).toMatchObject({ 'messaging.destination.name': 'course.events', 'messaging.consumer.group.name': 'trace-test' });
    expect(handled).toContain(course._id);
    // The relay sent it as a W3C header.
    expect(await logHeaders()).toContainEqual(expect.objectContaining({ traceparent: `00-${traceId}-${spanId}-01` }));
  });

  it('an event staged outside any trace carries no header, and its consumer starts a trace of its own', async () => {
    const course: Course = { _id: 'c-untraced', title: 'Sets' };
    const event = created(course);
    courseEventIds.set(course._id, event.event_id);
    const staged = withOutbox(course, [event]);
    expect(pendingEvents(staged)[0]?.trace_context).toBeUndefined();
    await courses.insertOne(staged);
    await waitFor('the consumer span', () => consumeSpanOf(course._id) !== undefined);
    const consumed = consumeSpanOf(course._id)!;
    expect(consumed.parentSpanContext).toBeUndefined();
    expect(exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === consumed.spanContext().traceId)).toHaveLength(1);
  });
});
