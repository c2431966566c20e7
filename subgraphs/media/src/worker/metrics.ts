import { Gauge, type Counter, type Histogram, type Registry } from 'prom-client';
import type { ServiceMetrics } from '@skillgraph/platform/src/observability';

/**
 * Processing metrics of the media worker, kept in memory (`snapshot()`, for tests and logs) and,
 * when given a service registry, exported as Prometheus metrics on that registry:
 *   media_worker_step_duration_seconds{step,kind}        histogram of steps that completed
 *   media_worker_step_failures_total{step,kind,class}    failed steps, class transient | permanent
 *   media_worker_retries_total{kind}                     retries scheduled after a transient failure
 *   media_worker_assets_failed_total{kind}               assets that ended FAILED
 *   media_worker_queue_depth                             assets waiting or in progress (read per scrape)
 * In the one-process stack the registry is the media subgraph's (its `/metrics`); the standalone
 * worker has its own, served on MEDIA_WORKER_METRICS_PORT (docs/media-processing.md).
 */
export interface StepTiming {
  count: number;
  totalMs: number;
  maxMs: number;
}

export type FailureClass = 'transient' | 'permanent';

/** Step buckets (seconds): a thumbnail takes milliseconds, an HLS ladder of a long video minutes. */
export const STEP_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

interface Exported {
  stepDuration: Histogram<'step' | 'kind'>;
  stepFailures: Counter<'step' | 'kind' | 'class'>;
  retries: Counter<'kind'>;
  assetsFailed: Counter<'kind'>;
}

/** Where each registry's queue-depth gauge reads from: the latest worker registered on it. */
const queueDepthSources = new WeakMap<Registry, () => Promise<number>>();

/** Registers the worker's metrics once per registry (several workers in one process share them). */
function exportTo(metrics: ServiceMetrics, queueDepth: () => Promise<number>): Exported {
  const { registry } = metrics;
  const existing = <T>(name: string) => registry.getSingleMetric(name) as T | undefined;
  queueDepthSources.set(registry, queueDepth);
  if (!existing('media_worker_queue_depth')) {
    new Gauge({
      name: 'media_worker_queue_depth',
      help: 'Media assets waiting for the worker or in progress (UPLOADED, SCANNING, CLEAN, PROCESSING).',
      registers: [registry],
      async collect() {
        const source = queueDepthSources.get(registry);
        if (source) this.set(await source());
      },
    });
  }
  return {
    stepDuration:
      existing('media_worker_step_duration_seconds') ??
      metrics.histogram(
        'media_worker_step_duration_seconds',
        'Duration of media processing steps that completed, by step and asset kind.',
        ['step', 'kind'],
        STEP_BUCKETS,
      ),
    stepFailures:
      existing('media_worker_step_failures_total') ??
      metrics.counter(
        'media_worker_step_failures_total',
        'Media processing steps that failed, by step, asset kind and class (transient: retried; permanent: not).',
        ['step', 'kind', 'class'],
      ),
    retries:
      existing('media_worker_retries_total') ??
      metrics.counter('media_worker_retries_total', 'Retries scheduled after a transient failure, by asset kind.', ['kind']),
    assetsFailed:
      existing('media_worker_assets_failed_total') ??
      metrics.counter('media_worker_assets_failed_total', 'Media assets that ended FAILED, by asset kind.', ['kind']),
  };
}

export function createWorkerMetrics(options: { service?: ServiceMetrics; queueDepth?: () => Promise<number> } = {}) {
  const timings = new Map<string, StepTiming>();
  const stepFailures = new Map<string, number>();
  const failures = new Map<string, number>();
  let retries = 0;
  const exported = options.service ? exportTo(options.service, options.queueDepth ?? (() => Promise.resolve(0))) : undefined;
  return {
    stepDone(step: string, kind: string, ms: number) {
      const key = `${step}:${kind}`;
      const timing = timings.get(key) ?? { count: 0, totalMs: 0, maxMs: 0 };
      timings.set(key, { count: timing.count + 1, totalMs: timing.totalMs + ms, maxMs: Math.max(timing.maxMs, ms) });
      exported?.stepDuration.observe({ step, kind }, ms / 1000);
    },
    stepFailed(step: string, kind: string, failureClass: FailureClass) {
      const key = `${step}:${kind}:${failureClass}`;
      stepFailures.set(key, (stepFailures.get(key) ?? 0) + 1);
      exported?.stepFailures.inc({ step, kind, class: failureClass });
    },
    /** An asset ended FAILED. */
    failed(kind: string) {
      failures.set(kind, (failures.get(kind) ?? 0) + 1);
      exported?.assetsFailed.inc({ kind });
    },
    retried(kind: string) {
      retries += 1;
      exported?.retries.inc({ kind });
    },
    snapshot() {
      return { steps: Object.fromEntries(timings), stepFailures: Object.fromEntries(stepFailures), failures: Object.fromEntries(failures), retries };
    },
  };
}
export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
