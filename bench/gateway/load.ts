/**
 * One measured run: autocannon against one target with one workload for a fixed time, every
 * request with its own variables, and the CPU time the target process (and the subgraph
 * processes) spent meanwhile, read from /proc/<pid>/stat.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { requestBody, type BenchFixtures, type Workload } from './workloads';

// autocannon ships no types; the part used here.
interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  duration: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?(request: AutocannonRequest): AutocannonRequest;
  onResponse?(status: number, body: string): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => PromiseLike<AutocannonResult>;

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux (`getconf CLK_TCK`)

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

export function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

export interface RunTarget {
  /** Full URL requests are POSTed to. */
  url: string;
  /** The process whose CPU and RSS count as the target's. */
  pid: number;
  /** Headers every request carries besides the workload's (the gateway secret, for direct subgraph calls). */
  headers?: Record<string, string>;
}

export interface RunResult {
  requests: number;
  /** Good answers (200 without `errors`) per second. */
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, socket errors and timeouts, and 2xx answers whose body carries GraphQL `errors`. */
  errors: number;
  /** Target CPU ms per completed request. */
  cpuPerRequest: number;
  /** Subgraph CPU ms per completed request (all subgraph processes together). */
  subgraphCpuPerRequest: number;
  rssMb: number;
  /** The first failed answer's status and the start of its body, to see what failed. */
  errorSample?: string;
}

export interface RunOptions {
  target: RunTarget;
  workload: Workload;
  fixtures: BenchFixtures;
  subgraphPids: number[];
  /**
   * `requests`: exactly this many, every answer awaited, so no request still in flight when the
   * run ends spills its CPU into the next run; `seconds`: for as long (warm-up only).
   */
  length: { requests: number } | { seconds: number };
  connections: number;
  /** Where this run's request numbering starts, so runs do not repeat each other's variables. */
  firstRequest: number;
  /** CPU ms per second the target and the subgraphs spend with no load (timers, pollers), not charged to requests. */
  idle: { target: number; subgraphs: number };
}

export async function runLoad({ target, workload, fixtures, subgraphPids, length, connections, firstRequest, idle }: RunOptions): Promise<RunResult> {
  const url = new URL(target.url);
  let next = firstRequest;
  let graphqlErrors = 0;
  let errorSample: string | undefined;
  const request: AutocannonRequest = {
    method: 'POST',
    path: url.pathname,
    setupRequest: (req) => {
      const { body, headers } = requestBody(workload, next, fixtures);
      next += 1;
      return { ...req, body, headers: { ...headers, ...target.headers } };
    },
    // A 200 carrying `errors` is a failure too (a gateway that errors fast is not fast).
    onResponse: (status, body) => {
      lastAnswerAt = performance.now();
      const failed = status !== 200 || body.includes('"errors":');
      if (status === 200 && failed) graphqlErrors += 1;
      if (failed && errorSample === undefined) errorSample = `${status} ${body.slice(0, 300)}`;
    },
  };
  // autocannon notices the end of a fixed number of requests on its next tick: time the answers here.
  let lastAnswerAt = 0;
  const startedAt = performance.now();
  const subgraphBefore = subgraphPids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const targetBefore = cpuMs(target.pid);
  const result = await autocannon({
    url: url.origin,
    connections: 'requests' in length ? Math.min(connections, length.requests) : connections,
    ...('requests' in length ? { amount: length.requests } : { duration: length.seconds }),
    timeout: 30,
    sampleInt: 100,
    requests: [request],
  });
  const targetAfter = cpuMs(target.pid);
  const subgraphAfter = subgraphPids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const measuredSeconds = (performance.now() - startedAt) / 1000;
  const targetCpu = targetAfter - targetBefore - idle.target * measuredSeconds;
  const subgraphCpu = subgraphAfter - subgraphBefore - idle.subgraphs * measuredSeconds;
  const completed = Math.max(1, result.requests.total);
  return {
    requests: result.requests.total,
    // Only good answers count: a gateway that fails fast (or sheds load) is not fast.
    rps:
      (Math.max(0, result.requests.total - result.non2xx - graphqlErrors) * 1000) /
      Math.max(1, ('requests' in length ? lastAnswerAt : performance.now()) - startedAt),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + graphqlErrors,
    cpuPerRequest: targetCpu / completed,
    subgraphCpuPerRequest: subgraphCpu / completed,
    rssMb: rssMb(target.pid),
    ...(errorSample === undefined ? {} : { errorSample }),
  };
}

/**
 * CPU ms per second the processes spend with nothing to do: the lowest of `windows` one-second
 * readings, so a straggling request or a garbage collection in one window does not count as idle.
 */
export async function idleCpuRate(pids: number[], windows = 3): Promise<number> {
  const total = (): number => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  let lowest = Infinity;
  for (let window = 0; window < windows; window += 1) {
    const before = total();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    lowest = Math.min(lowest, ((total() - before) * 1000) / (performance.now() - started));
  }
  return lowest;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Field-wise medians of several rounds (errors are summed: one is too many in any round). */
export function medianOf(runs: RunResult[]): RunResult {
  const pick = (field: Exclude<keyof RunResult, 'errorSample'>) => median(runs.map((run) => run[field]));
  return {
    requests: pick('requests'),
    rps: pick('rps'),
    p50: pick('p50'),
    p99: pick('p99'),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    cpuPerRequest: pick('cpuPerRequest'),
    subgraphCpuPerRequest: pick('subgraphCpuPerRequest'),
    rssMb: pick('rssMb'),
    ...(runs.find((run) => run.errorSample) ? { errorSample: runs.find((run) => run.errorSample)!.errorSample! } : {}),
  };
}
