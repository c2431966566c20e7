import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { context, trace } from '@opentelemetry/api';
import { openDocumentStore, type DocumentStore } from '@skillgraph/platform';
import { instrumentDocumentStore, ServiceMetrics, startTracing, traceStoreQueries, type TracingHandle } from '@skillgraph/platform/src/observability';
import { SUBGRAPH_NAMES } from '@skillgraph/stack';
import { DEFAULT_PASSWORD, postGraphQL, REGISTER, startSystem, uniqueEmail, type TestSystem } from './support/system';
import { waitFor } from './support/edge';
import { sampleValue } from './support/prometheus';
import { parsePrometheus } from './support/prometheus';

const exporter = new InMemorySpanExporter();
let tracing: TracingHandle;
let system: TestSystem;
const unsubscribe: (() => void)[] = [];

beforeAll(async () => {
  tracing = startTracing({ enabled: true, serviceName: 'skillgraph-test' }, [new SimpleSpanProcessor(exporter)]);
  system = await startSystem({ seed: true });
  for (const name of SUBGRAPH_NAMES) if (system.stack.stores[name]) unsubscribe.push(traceStoreQueries(system.stack.stores[name]));
}, 180_000);
afterAll(async () => {
  unsubscribe.forEach((stop) => stop());
  await system?.stop();
  await tracing?.stop();
});

const parentOf = (span: ReadableSpan, all: ReadableSpan[]) => all.find((candidate) => candidate.spanContext().spanId === span.parentSpanContext?.spanId);
const ancestors = (span: ReadableSpan, all: ReadableSpan[]): string[] => {
  const names: string[] = [];
  for (let current = parentOf(span, all); current; current = parentOf(current, all)) names.push(current.name);
  return names;
};

describe('one trace per operation', () => {
  it('links the gateway span to the subgraph fetch, the subgraph request and its store queries', async () => {
    exporter.reset();
    const result = await postGraphQL(system.stack.gatewayUrl, '{ courses(first: 2) { edges { node { title instructor { name } } } } }');
    expect(result.errors).toBeUndefined();
    await new Promise<void>((resolve) => setImmediate(resolve));
    const spans = exporter.getFinishedSpans();

    const gateway = spans.find((span) => span.name === 'gateway');
    expect(gateway).toBeDefined();
    const traceId = gateway!.spanContext().traceId;
    const inTrace = spans.filter((span) => span.spanContext().traceId === traceId);

    const subgraphRequest = inTrace.find((span) => span.name === 'subgraph users');
    expect(subgraphRequest).toBeDefined();
    const fetch = parentOf(subgraphRequest!, inTrace);
    expect(fetch?.name).toBe('fetch users');
    // Apollo Gateway's own spans (gateway.request, gateway.execute, gateway.fetch) sit in between.
    expect(ancestors(fetch!, inTrace)).toContain('gateway');
    expect(ancestors(fetch!, inTrace).at(-1)).toBe('gateway');

    const store = inTrace.find((span) => span.name === 'store find users' && parentOf(span, inTrace)?.name === 'subgraph users');
    expect(store).toBeDefined();
    expect(inTrace.some((span) => span.name === 'subgraph courses')).toBe(true);
  });

  it('continues through the event bus: a consumer of an event staged by the operation handles it in the same trace', async () => {
    exporter.reset();
    const result = await system.gql(REGISTER, { input: { email: uniqueEmail('traced'), password: DEFAULT_PASSWORD, name: 'Traced Person' } });
    expect(result.errors).toBeUndefined();
    const findConsumer = () => exporter.getFinishedSpans().find((span) => span.name === 'consume USER_REGISTERED');
    await waitFor(() => findConsumer() !== undefined, 60_000, 'the USER_REGISTERED consumer span');
    const spans = exporter.getFinishedSpans();
    const consumer = findConsumer()!;
    const gateway = spans.find((span) => span.name === 'gateway' && span.spanContext().traceId === consumer.spanContext().traceId);
    expect(gateway).toBeDefined();
    // Staged inside the users subgraph's request: the consumer span hangs under it.
    expect(ancestors(consumer, spans)).toEqual(expect.arrayContaining(['subgraph users', 'gateway']));
  });

  it('a wrapped store times each query in a span under the active request, and in store_query_duration_seconds', async () => {
    const metrics = new ServiceMetrics('probe');
    const store: DocumentStore = instrumentDocumentStore(await openDocumentStore({ inMemory: true }), metrics);
    try {
      const things = await store.collection<{ _id: string; n: number }>({ name: 'things' });
      exporter.reset();
      const request = trace.getTracer('test').startSpan('request');
      await context.with(trace.setSpan(context.active(), request), () => things.insertOne({ _id: 'a', n: 1 }));
      request.end();
      const spans = exporter.getFinishedSpans();
      const query = spans.find((span) => span.name === 'store insertOne things');
      expect(query?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
      const samples = parsePrometheus(await metrics.registry.metrics());
      expect(sampleValue(samples, 'store_query_duration_seconds_count', { collection: 'things', operation: 'insertOne', outcome: 'success' })).toBe(1);
    } finally {
      await store.close();
    }
  });
});
