import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { extractTraceContext, tracer } from '../observability/tracing';

/**
 * Runs `work` inside one server span per request, parented on the caller's `traceparent`, and
 * active for everything the request runs (resolvers, store queries, outgoing fetches). The same
 * span as `serverSpanMiddleware`, for node:http handlers. When tracing is off the span is not
 * recording and `work` runs directly, with nothing kept per request.
 */
export function inServerSpan<T>(spanName: string, req: IncomingMessage, res: ServerResponse, work: () => T): T {
  const parent = extractTraceContext(req.headers);
  const span = tracer().startSpan(spanName, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET' } }, parent);
  if (!span.isRecording()) return work();
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(trace.setSpan(parent, span), work);
}
