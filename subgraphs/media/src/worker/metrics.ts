/**
 * Processing metrics kept in the worker: time per step and kind, failures, runs. Logged per step
 * now; `snapshot()` is what a metrics endpoint exports (prom-client) once the edge serves one.
 */
export interface StepTiming {
  count: number;
  totalMs: number;
  maxMs: number;
}

export function createWorkerMetrics() {
  const timings = new Map<string, StepTiming>();
  const failures = new Map<string, number>();
  let retries = 0;
  return {
    stepDone(step: string, kind: string, ms: number) {
      const key = `${step}:${kind}`;
      const timing = timings.get(key) ?? { count: 0, totalMs: 0, maxMs: 0 };
      timings.set(key, { count: timing.count + 1, totalMs: timing.totalMs + ms, maxMs: Math.max(timing.maxMs, ms) });
    },
    failed(kind: string) {
      failures.set(kind, (failures.get(kind) ?? 0) + 1);
    },
    retried() {
      retries += 1;
    },
    snapshot() {
      return { steps: Object.fromEntries(timings), failures: Object.fromEntries(failures), retries };
    },
  };
}
export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
