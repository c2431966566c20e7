/**
 * Edge benchmark, one run (npm run bench:edge), in two topologies one after the other:
 *  A. one process: `scripts/start.ts` (what `npm start` runs), gateway and subgraphs on one event loop;
 *  B. production topology: the gateway alone (`gateway/src/index.ts`, as docker-compose runs it)
 *     in one process, the five subgraphs in another (bench/support/subgraphs-process.ts);
 * both with embedded storage and the demo data. It measures:
 *  1. hostile operations (1,000-level nesting, 5,000 aliases, 10,000 directives, nested
 *     `first: 100` cost bomb), on A: status, code, refusal time, and the server's RSS against idle;
 *  2. overload, on A then B: autocannon, 500 concurrent connections for 15 s on the catalogue
 *     query: status mix, refusal latency, accepted latency p50/p99, peak RSS of the gateway's process;
 *  3. recovery: time from the end of the load until a request is answered 200 at idle speed;
 *  4. the four overload goals for A and B side by side, with the load average before each:
 *     accepted p99, refusal median, accepted answers with a gap (a 200 whose data misses a
 *     subgraph's part), recovery.
 *
 * Options: --connections <n> (500), --seconds <n> (15). Per-client rate limiting is turned off
 * (all load comes from one address); shedding and limits use the documented defaults.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { freePort } from '../packages/stack/test/support/process';

// autocannon ships no types; the part used here.
interface AutocannonResult {
  errors: number;
  non2xx: number;
  requests: { total: number };
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
}
interface AutocannonClient {
  on(event: 'body', listener: (chunk: Buffer) => void): void;
  on(event: 'response', listener: (statusCode: number) => void): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => AutocannonInstance;

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const CONNECTIONS = argument('connections', 500);
const SECONDS = argument('seconds', 15);
const ROOT = path.resolve(__dirname, '..');
const CATALOGUE = JSON.stringify({
  query: '{ courses(first: 3) { edges { node { title instructor { name } assessments { title } lessons { title media { filename } } } } } }',
});

function nested(levels: number): string {
  let selection = 'id';
  for (let level = 0; level < levels; level += 1) selection = level % 2 === 0 ? `coursesTaught { ${selection} }` : `instructor { ${selection} }`;
  return `{ course(id: "c") { ${levels % 2 === 0 ? selection : `instructor { ${selection} }`} } }`;
}
const HOSTILE: [string, string][] = [
  ['1,000-level nesting', nested(1000)],
  ['5,000 aliases', `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: course(id: "c") { id }`).join(' ')} }`],
  ['10,000 directives', `{ course(id: "c") { id ${'@include(if: true) '.repeat(10_000)} } }`],
  [
    'cost bomb (nested first: 100)',
    '{ courses(first: 100) { edges { node { title instructor { name enrollments(first: 100) { edges { node { course { title lessons { title } instructor { enrollments(first: 100) { edges { node { status } } } } } } } } } } } } }',
  ],
];

/** Edge settings given to the bench itself (MAX_IN_FLIGHT=32 npm run bench:edge) reach the server. */
const edgeOverrides = (): Record<string, string> =>
  Object.fromEntries(
    [
      'MAX_IN_FLIGHT',
      'EVENT_LOOP_LAG_LIMIT_MS',
      'RETRY_AFTER_SECONDS',
      'RATE_LIMIT_PER_CLIENT',
      'ADMISSION_TARGET_LATENCY_MS',
      'ADMISSION_QUEUE_SIZE',
      'ADMISSION_QUEUE_TIMEOUT_MS',
      'ADMISSION_REFUSAL_DELAY_MS',
    ].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])),
  );

/** RSS in MB of a node process (tsx's child; in topology A the stack runs in its worker thread). */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function post(url: string, body: string): Promise<{ status: number; code?: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  const elapsed = performance.now() - started;
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
  } catch {
    code = undefined;
  }
  return { status: response.status, ...(code ? { code } : {}), ms: elapsed };
}

/** Subgraph fetches refused by an open breaker so far (the gateway's /metrics, public outside production). */
async function breakerRefusals(graphqlUrl: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  let total = 0;
  for (const line of text.split('\n'))
    if (line.startsWith('gateway_subgraph_fetch_errors_total{') && line.includes('reason="breaker_open"')) total += Number(line.split(' ').pop());
  return total;
}

interface Served {
  url: string;
  /** The node process the gateway runs in (RSS). */
  gatewayPid: number;
  stop(): Promise<void>;
}

interface Started {
  child: ChildProcess;
  output: () => string;
}

const baseEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_CLIENT: '0',
  ...edgeOverrides(),
});

function runTsx(script: string, env: Record<string, string>): Started {
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, script)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function waitForOutput(started: Started, text: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!started.output().includes(text)) {
    if (Date.now() > deadline || started.child.exitCode !== null) throw new Error(`did not start:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopProcess(started: Started): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return;
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGTERM');
  await exited;
}

/** tsx runs the script in a child node process: that one serves. */
const nodeChildOf = (pid: number): number =>
  Number(
    execFileSync('pgrep', ['-P', String(pid)])
      .toString()
      .trim()
      .split('\n')[0],
  );

/** A: what `npm start` runs, everything on one event loop. */
async function startOneProcess(dataDir: string): Promise<Served> {
  const gatewayPort = String(await freePort());
  const ports: Record<string, string> = { GATEWAY_PORT: gatewayPort };
  for (const name of ['USERS_PORT', 'COURSES_PORT', 'ASSESSMENTS_PORT', 'MEDIA_PORT', 'NOTIFICATIONS_PORT']) ports[name] = String(await freePort());
  const started = runTsx('scripts/start.ts', { ...baseEnv(), DATA_DIR: dataDir, ...ports });
  try {
    await waitForOutput(started, 'SkillGraph is ready');
    return { url: `http://127.0.0.1:${gatewayPort}/graphql`, gatewayPid: nodeChildOf(started.child.pid!), stop: () => stopProcess(started) };
  } catch (error) {
    await stopProcess(started);
    throw error;
  }
}

/** B: the subgraphs in one process, the gateway alone in another (as docker-compose runs it). */
async function startTwoProcesses(dataDir: string): Promise<Served> {
  const subgraphs = runTsx('bench/support/subgraphs-process.ts', { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir });
  let gateway: Started | undefined;
  try {
    await waitForOutput(subgraphs, 'SUBGRAPHS ');
    const line = subgraphs
      .output()
      .split('\n')
      .find((text) => text.startsWith('SUBGRAPHS '))!;
    const { subgraphUrls, gatewaySecret } = JSON.parse(line.slice('SUBGRAPHS '.length)) as { subgraphUrls: Record<string, string>; gatewaySecret: string };
    const port = String(await freePort());
    gateway = runTsx('gateway/src/index.ts', {
      ...baseEnv(),
      PORT: port,
      GATEWAY_SECRET: gatewaySecret,
      USERS_URL: subgraphUrls.users!,
      COURSES_URL: subgraphUrls.courses!,
      ASSESSMENTS_URL: subgraphUrls.assessments!,
      MEDIA_URL: subgraphUrls.media!,
      NOTIFICATIONS_URL: subgraphUrls.notifications!,
    });
    const url = `http://127.0.0.1:${port}/graphql`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (gateway.child.exitCode !== null || Date.now() > deadline) throw new Error(`gateway did not start:\n${gateway.output()}`);
      const ready = await post(url, CATALOGUE).catch(() => undefined);
      if (ready?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const started = gateway;
    return {
      url,
      gatewayPid: nodeChildOf(started.child.pid!),
      stop: async () => {
        await stopProcess(started);
        await stopProcess(subgraphs);
      },
    };
  } catch (error) {
    if (gateway) await stopProcess(gateway);
    await stopProcess(subgraphs);
    throw error;
  }
}

const loadAverage = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function idleLatency(url: string): Promise<number> {
  const warm: number[] = [];
  for (let i = 0; i < 50; i += 1) warm.push((await post(url, CATALOGUE)).ms);
  return percentile(warm, 50);
}

async function hostileOperations(served: Served, idleRss: number): Promise<void> {
  console.log('1. hostile operations (20 each, sequential), one-process topology');
  console.log('   operation                        status code                     median      max       RSS vs idle');
  for (const [name, query] of HOSTILE) {
    const body = JSON.stringify({ query });
    const runs = [];
    for (let i = 0; i < 20; i += 1) runs.push(await post(served.url, body));
    const rss = rssMb(served.gatewayPid);
    const first = runs[0]!;
    const times = runs.map((run) => run.ms);
    console.log(
      `   ${name.padEnd(32)} ${String(first.status).padEnd(6)} ${(first.code ?? '-').padEnd(25)} ${ms(percentile(times, 50)).padEnd(11)} ${ms(Math.max(...times)).padEnd(9)} ${
        (rss - idleRss >= 0 ? '+' : '') + (rss - idleRss).toFixed(1)
      } MB (body ${(body.length / 1024).toFixed(0)} KB)`,
    );
  }
}

interface OverloadFigures {
  load: string;
  accepted: number[];
  refused: number[];
  gaps: number;
  breakerRefused: number;
  recovered: number | undefined;
}

async function overload(served: Served, idleMs: number): Promise<OverloadFigures> {
  const { url } = served;
  const load = loadAverage();
  console.log(`   load average before the load: ${load}`);
  const byStatus = new Map<number, number[]>();
  // Accepted answers by when they arrived: the first second is 500 connections opening at once.
  const acceptedAt: { at: number; ms: number }[] = [];
  // The load generator shares the cores: its own lag is part of every latency it measures.
  const generatorLag = monitorEventLoopDelay({ resolution: 10 });
  // A 200 carrying SUBGRAPH_UNAVAILABLE is an accepted answer with a hole in it (breaker open or
  // fetch failed): the catalogue needs every subgraph, so any such code is a gap.
  let gaps = 0;
  const breakerRefusalsBefore = await breakerRefusals(url);
  const watchForGaps = (client: AutocannonClient): void => {
    let gap = false;
    client.on('body', (chunk) => {
      if (chunk.includes('SUBGRAPH_UNAVAILABLE')) gap = true;
    });
    client.on('response', (statusCode) => {
      if (statusCode === 200 && gap) gaps += 1;
      gap = false;
    });
  };
  const idleRss = rssMb(served.gatewayPid);
  let peakRss = idleRss;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb(served.gatewayPid))), 250);
  const loadStarted = performance.now();
  generatorLag.enable();
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: CATALOGUE,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 30,
    setupClient: watchForGaps,
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    const list = byStatus.get(statusCode) ?? [];
    list.push(responseTime);
    byStatus.set(statusCode, list);
    if (statusCode === 200) acceptedAt.push({ at: performance.now() - loadStarted, ms: responseTime });
  });
  const result = await instance;
  generatorLag.disable();
  clearInterval(rssTimer);
  const loadEnded = performance.now();
  for (const [status, times] of [...byStatus].sort(([a], [b]) => a - b)) {
    console.log(
      `   ${status}: ${String(times.length).padStart(7)} responses   p50 ${ms(percentile(times, 50)).padEnd(10)} p99 ${ms(percentile(times, 99)).padEnd(10)} max ${ms(Math.max(...times))}`,
    );
  }
  const refused = [...(byStatus.get(503) ?? []), ...(byStatus.get(429) ?? [])];
  const accepted = byStatus.get(200) ?? [];
  console.log(`   errors (timeouts/resets): ${result.errors} ; non-2xx: ${result.non2xx} ; total: ${result.requests.total}`);
  console.log(`   accepted: ${(accepted.length / SECONDS).toFixed(1)}/s`);
  const early = acceptedAt.filter((answer) => answer.at < 1000).map((answer) => answer.ms);
  const later = acceptedAt.filter((answer) => answer.at >= 1000).map((answer) => answer.ms);
  console.log(
    `   accepted p99 by arrival: first second ${ms(percentile(early, 99))} (${early.length}), after it ${ms(percentile(later, 99))} (${later.length}) (all are in the goal figure)`,
  );
  console.log(
    `   load generator's own event-loop delay: p50 ${ms(generatorLag.percentile(50) / 1e6)}, p99 ${ms(generatorLag.percentile(99) / 1e6)}, max ${ms(generatorLag.max / 1e6)}`,
  );
  console.log(`   peak RSS of the gateway's process ${peakRss.toFixed(1)} MB (before the load ${idleRss.toFixed(1)} MB)`);

  let recovered: number | undefined;
  while (recovered === undefined && performance.now() - loadEnded < 30_000) {
    const probe = await post(url, CATALOGUE);
    if (probe.status === 200 && probe.ms <= Math.max(2 * idleMs, idleMs + 20)) recovered = performance.now() - loadEnded;
    else await new Promise((resolve) => setTimeout(resolve, 25));
  }
  console.log(`   recovery (first idle-speed 200 after the load): ${recovered === undefined ? 'not within 30 s' : ms(recovered)}`);
  const breakerRefused = (await breakerRefusals(url)) - breakerRefusalsBefore;
  return { load, accepted, refused, gaps, breakerRefused, recovered };
}

async function measure(name: string, start: () => Promise<Served>, withHostile: boolean): Promise<OverloadFigures> {
  const served = await start();
  try {
    const idleMs = await idleLatency(served.url);
    const idleRss = rssMb(served.gatewayPid);
    console.log(`\n== ${name}: gateway pid ${served.gatewayPid}; idle: catalogue p50 ${ms(idleMs)}, RSS ${idleRss.toFixed(1)} MB\n`);
    if (withHostile) await hostileOperations(served, idleRss);
    console.log(`\n2./3. ${name}: overload, ${CONNECTIONS} connections for ${SECONDS} s (autocannon), catalogue query; then recovery`);
    return await overload(served, idleMs);
  } finally {
    await served.stop();
  }
}

async function main(): Promise<void> {
  console.log(`settings: ${JSON.stringify(edgeOverrides())} (others: defaults, per-client rate limit off); ${os.cpus().length} CPUs`);
  const dataDirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'skillgraph-edge-bench-')));
  try {
    const one = await measure('A. one process (npm start)', () => startOneProcess(dataDirs[0]!), true);
    const two = await measure('B. gateway process + subgraphs process', () => startTwoProcesses(dataDirs[1]!), false);

    const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
    const cell = (text: string, ok: boolean): string => `${text} ${verdict(ok)}`.padEnd(30);
    const row = (figure: string, goal: string, of: (f: OverloadFigures) => [string, boolean]): void =>
      console.log(`   ${figure.padEnd(34)} ${cell(...of(one))} ${cell(...of(two))} ${goal}`);
    console.log('\n4. overload goals, side by side');
    console.log(`   ${'figure'.padEnd(34)} ${'A. one process'.padEnd(30)} ${'B. gateway + subgraphs'.padEnd(30)} goal`);
    console.log(`   ${'load average before the load'.padEnd(34)} ${one.load.padEnd(30)} ${two.load.padEnd(30)}`);
    const accepted = (f: OverloadFigures): string => `${f.accepted.length} (${(f.accepted.length / SECONDS).toFixed(1)}/s)`;
    console.log(`   ${'accepted (200)'.padEnd(34)} ${accepted(one).padEnd(30)} ${accepted(two).padEnd(30)}`);
    console.log(`   ${'refused (503)'.padEnd(34)} ${String(one.refused.length).padEnd(30)} ${String(two.refused.length).padEnd(30)}`);
    row('accepted p99', '<= 2 s', (f) => [ms(percentile(f.accepted, 99)), percentile(f.accepted, 99) <= 2000]);
    row('refusal median', '<= 100 ms', (f) => [ms(percentile(f.refused, 50)), percentile(f.refused, 50) <= 100]);
    row('accepted 200s with a subgraph gap', '0', (f) => [`${f.gaps} (breaker: ${f.breakerRefused})`, f.gaps === 0]);
    row('recovery', '<= 2 s', (f) => [f.recovered === undefined ? '> 30 s' : ms(f.recovered), f.recovered !== undefined && f.recovered <= 2000]);
    console.log('   (breaker: subgraph fetches refused by an open breaker during the load, from /metrics)\n');
  } finally {
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
