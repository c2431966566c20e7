import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { RequestHandler } from 'express';
import type { TracingConfig } from './config';

export { loadTracingConfig, type TracingConfig } from './config';

/** The tracer every SkillGraph span comes from; a no-op until `startTracing` registers a provider. */
export const tracer = () => trace.getTracer('skillgraph');

export interface TracingHandle {
  stop(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK for this process (one per process, shared by every service in the
 * embedded mode). Without `spanProcessors` the exporter comes from the `OTEL_*` variables (OTLP by
 * default). No auto-instrumentation: spans are made where they mean something (operation,
 * subgraph fetch, subgraph request, store query, event).
 */
export function startTracing(config: TracingConfig, spanProcessors?: SpanProcessor[]): TracingHandle {
  if (!config.enabled && !spanProcessors) return { stop: async () => {} };
  // Loaded only when tracing is on: the SDK and its exporters hold tens of MB a process with
  // tracing off should not carry (docs/performance.md).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NodeSDK: Sdk } = require('@opentelemetry/sdk-node') as { NodeSDK: typeof NodeSDK };
  const sdk = new Sdk({ serviceName: config.serviceName, instrumentations: [], ...(spanProcessors ? { spanProcessors } : {}) });
  sdk.start();
  return { stop: () => sdk.shutdown() };
}

const headerGetter: TextMapGetter<Record<string, string | string[] | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

/** Writes `traceparent` (and `tracestate`) of `ctx` into anything with `set(name, value)`. */
export function injectTraceHeaders(target: { set(name: string, value: string): unknown }, ctx: Context = context.active()): void {
  const setter: TextMapSetter<typeof target> = { set: (carrier, key, value) => void carrier.set(key, value) };
  propagation.inject(ctx, target, setter);
}

/** The context carried by incoming headers (`traceparent`), or the root context. */
export function extractTraceContext(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers, headerGetter);
}

/**
 * The W3C trace headers (`traceparent`, `tracestate`) of the active span, as a plain record: what
 * the outbox stores with an event staged inside a traced request. Empty when nothing is traced.
 */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  if (!trace.getSpanContext(ctx)) return carrier;
  propagation.inject(ctx, carrier);
  return carrier;
}

/**
 * Runs `work` in a CONSUMER span that is a child of the producer's context carried in the
 * message's headers (a new trace when they carry none), so a trace follows an event from the
 * request that staged it to every consumer that handled it.
 */
export async function inConsumerSpan<T>(
  name: string,
  headers: Record<string, string>,
  attributes: Record<string, string | number>,
  work: () => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, extractTraceContext(headers), async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The trace id of the active span, for log lines; undefined when not tracing. */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const id = span.spanContext().traceId;
  return /^0+$/.test(id) ? undefined : id;
}

/**
 * Express middleware: one server span per request, parented on the caller's `traceparent`, and
 * active for everything the request runs (resolvers, store queries, outgoing fetches).
 */
export function serverSpanMiddleware(spanName: string): RequestHandler {
  return (req, res, next) => {
    const parent = extractTraceContext(req.headers);
    const span = tracer().startSpan(spanName, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
    if (!span.isRecording()) return next();
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** Runs `work` inside a child span of the active one; records failures on it. */
export async function inSpan<T>(name: string, kind: SpanKind, attributes: Record<string, string | number>, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };
