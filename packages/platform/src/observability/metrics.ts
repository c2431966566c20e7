import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Latency buckets (seconds) for requests and fetches: 5 ms to 10 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type OperationOutcome = 'success' | 'error' | 'refused';

/**
 * One Prometheus registry per service (several share a process in the embedded mode, each with
 * its own `/metrics`). Process metrics (event-loop lag, heap, CPU) come from prom-client's
 * defaults, labelled with the service.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly requestDuration: Histogram<'operation' | 'outcome'>;
  private readonly operationNames = new Set<string>();

  constructor(
    readonly service: string,
    /** Distinct operation names kept as labels; the rest count as `other` (clients choose names). */
    private readonly maxOperationNames = 200,
  ) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.requests = new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL requests by operation name and outcome.',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    this.requestDuration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'GraphQL request latency by operation name and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
  }

  /** A bounded label for a client-chosen operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= this.maxOperationNames) return 'other';
    this.operationNames.add(name);
    return name;
  }

  recordOperation(name: string | null | undefined, outcome: OperationOutcome, seconds: number): void {
    const labels = { operation: this.operationLabel(name), outcome };
    this.requests.inc(labels);
    this.requestDuration.observe(labels, seconds);
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets = LATENCY_BUCKETS): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** Express handler for `GET /metrics` (Prometheus text format). */
  handler(): RequestHandler {
    return (_req, res, next) => {
      this.registry.metrics().then((text) => void res.type(this.registry.contentType).send(text), next);
    };
  }
}
