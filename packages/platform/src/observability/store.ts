import type { Histogram } from 'prom-client';
import type { Collection, DocumentStore, StoredDocument } from '../documents/port';
import type { ServiceMetrics } from './metrics';
import { trace } from '@opentelemetry/api';
import { inSpan, SpanKind, tracer } from './tracing';

const TIMED_METHODS = ['insertOne', 'insertMany', 'findOne', 'find', 'count', 'updateOne', 'updateMany', 'deleteMany'] as const;

/** `store_query_duration_seconds` on the service's registry (created once per registry). */
export function storeQueryHistogram(metrics: ServiceMetrics): Histogram<'collection' | 'operation' | 'outcome'> {
  const existing = metrics.registry.getSingleMetric('store_query_duration_seconds');
  if (existing) return existing as Histogram<'collection' | 'operation' | 'outcome'>;
  return metrics.histogram(
    'store_query_duration_seconds',
    'Document store query latency by collection and operation.',
    ['collection', 'operation', 'outcome'],
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  );
}

/**
 * The same store, with every collection call timed into `store_query_duration_seconds` and run in
 * a `store <operation> <collection>` span (a child of the request's span when tracing is on).
 * Repositories see the port unchanged.
 */
export function instrumentDocumentStore(store: DocumentStore, metrics: ServiceMetrics): DocumentStore {
  const latency = storeQueryHistogram(metrics);
  return {
    async collection<T extends StoredDocument>(spec: Parameters<DocumentStore['collection']>[0]): Promise<Collection<T>> {
      const inner = await store.collection<T>(spec);
      const timed = Object.create(inner) as Collection<T>;
      for (const method of TIMED_METHODS) {
        const original = inner[method] as (...args: unknown[]) => Promise<unknown>;
        Object.defineProperty(timed, method, {
          value: (...args: unknown[]) =>
            inSpan(`store ${method} ${inner.name}`, SpanKind.CLIENT, { 'db.collection.name': inner.name, 'db.operation.name': method }, async () => {
              const stop = latency.startTimer({ collection: inner.name, operation: method });
              try {
                const result = await original.apply(inner, args);
                stop({ outcome: 'success' });
                return result;
              } catch (error) {
                stop({ outcome: 'error' });
                throw error;
              }
            }),
        });
      }
      return timed;
    },
    onQuery: (listener) => store.onQuery(listener),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

/**
 * For stores opened where they cannot be wrapped (the one-process stack opens its own): one span
 * per query the engine runs, as a child of the request that ran it. The port reports queries, not
 * their duration, so these spans mark when and what, not how long; `instrumentDocumentStore`
 * gives both. Returns the unsubscribe.
 */
export function traceStoreQueries(store: DocumentStore): () => void {
  return store.onQuery((event) => {
    if (!trace.getActiveSpan()) return;
    tracer()
      .startSpan(`store ${event.operation} ${event.collection}`, {
        kind: SpanKind.CLIENT,
        attributes: { 'db.collection.name': event.collection, 'db.operation.name': event.operation },
      })
      .end();
  });
}
