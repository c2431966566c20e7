/**
 * Edge benchmark, one run (npm run bench:edge). Runs `scripts/start.ts` (what `npm start` runs)
 * as a child process with embedded storage and the demo data, then measures:
 *  1. hostile operations (1,000-level nesting, 5,000 aliases, 10,000 directives, nested
 *     `first: 100` cost bomb): status, code, refusal time, and the server's RSS against idle;
 *  2. overload: autocannon, 500 concurrent connections for 15 s on the catalogue query:
 *     status mix, refusal latency, accepted latency p50/p99, peak RSS;
 *  3. recovery: time from the end of the load until a request is answered 200 at idle speed;
 *  4. the four overload goals side by side: accepted p99, refusal median, accepted answers with
 *     a gap (a 200 whose data misses a subgraph's part), recovery.
 *
 * Options: --connections <n> (500), --seconds <n> (15). Per-client rate limiting is turned off
 * (all load comes from one address); shedding and limits use the documented defaults.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
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
    ['MAX_IN_FLIGHT', 'EVENT_LOOP_LAG_LIMIT_MS', 'RETRY_AFTER_SECONDS', 'RATE_LIMIT_PER_CLIENT'].flatMap((name) =>
      process.env[name] ? [[name, process.env[name]!]] : [],
    ),
  );

/** RSS in MB of the node process serving (tsx's child; the stack runs in its worker thread). */
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

async function main(): Promise<void> {
  const loadAtStart = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillgraph-edge-bench-'));
  const ports: Record<string, string> = {};
  for (const name of ['GATEWAY_PORT', 'USERS_PORT', 'COURSES_PORT', 'ASSESSMENTS_PORT', 'MEDIA_PORT', 'NOTIFICATIONS_PORT'])
    ports[name] = String(await freePort());
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_CLIENT: '0',
      ...edgeOverrides(),
      ...ports,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
  try {
    const deadline = Date.now() + 120_000;
    while (!output.includes('SkillGraph is ready')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const serverPid = Number(
      execFileSync('pgrep', ['-P', String(child.pid)])
        .toString()
        .trim()
        .split('\n')[0],
    );

    const warm: number[] = [];
    for (let i = 0; i < 50; i += 1) warm.push((await post(url, CATALOGUE)).ms);
    const idleMs = percentile(warm, 50);
    const idleRss = rssMb(serverPid);
    console.log(`\nsettings: ${JSON.stringify(edgeOverrides())} (others: defaults, per-client rate limit off)`);
    console.log(`server pid ${serverPid}; idle: catalogue p50 ${ms(idleMs)}, RSS ${idleRss.toFixed(1)} MB\n`);

    console.log('1. hostile operations (20 each, sequential)');
    console.log('   operation                        status code                     median      max       RSS vs idle');
    for (const [name, query] of HOSTILE) {
      const body = JSON.stringify({ query });
      const runs = [];
      for (let i = 0; i < 20; i += 1) runs.push(await post(url, body));
      const rss = rssMb(serverPid);
      const first = runs[0]!;
      console.log(
        `   ${name.padEnd(32)} ${String(first.status).padEnd(6)} ${(first.code ?? '-').padEnd(25)} ${ms(
          percentile(
            runs.map((run) => run.ms),
            50,
          ),
        ).padEnd(
          11,
        )} ${ms(Math.max(...runs.map((run) => run.ms))).padEnd(9)} ${(rss - idleRss >= 0 ? '+' : '') + (rss - idleRss).toFixed(1)} MB (body ${(body.length / 1024).toFixed(0)} KB)`,
      );
    }

    console.log(`\n2. overload: ${CONNECTIONS} connections for ${SECONDS} s (autocannon), catalogue query`);
    const byStatus = new Map<number, number[]>();
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
    let peakRss = rssMb(serverPid);
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb(serverPid))), 250);
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
    });
    const result = await instance;
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
    console.log(`   refusal latency p50 ${ms(percentile(refused, 50))}, p99 ${ms(percentile(refused, 99))} (goal < 100 ms)`);
    console.log(`   accepted latency p50 ${ms(percentile(accepted, 50))}, p99 ${ms(percentile(accepted, 99))} (goal < 1 s)`);
    console.log(`   peak RSS ${peakRss.toFixed(1)} MB (idle ${idleRss.toFixed(1)} MB)`);

    console.log('\n3. recovery');
    let recovered: number | undefined;
    while (recovered === undefined && performance.now() - loadEnded < 30_000) {
      const probe = await post(url, CATALOGUE);
      if (probe.status === 200 && probe.ms <= Math.max(2 * idleMs, idleMs + 20)) recovered = performance.now() - loadEnded;
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
    console.log(`   first idle-speed 200 after the load: ${recovered === undefined ? 'not within 30 s' : ms(recovered)} (goal < 2 s)`);

    const breakerRefused = (await breakerRefusals(url)) - breakerRefusalsBefore;
    const accepted99 = percentile(accepted, 99);
    const refusal50 = percentile(refused, 50);
    const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
    console.log(`\n4. overload goals (load average at the start: ${loadAtStart})`);
    console.log('   figure                                   measured        goal       ');
    console.log(`   accepted p99                             ${ms(accepted99).padEnd(15)} <= 2 s      ${verdict(accepted99 <= 2000)}`);
    console.log(`   refusal median                           ${ms(refusal50).padEnd(15)} <= 100 ms   ${verdict(refusal50 <= 100)}`);
    console.log(
      `   accepted 200s with a subgraph gap        ${String(gaps).padEnd(15)} 0          ${verdict(gaps === 0)} (of ${accepted.length}; fetches refused by an open breaker: ${breakerRefused})`,
    );
    console.log(
      `   recovery                                 ${(recovered === undefined ? '> 30 s' : ms(recovered)).padEnd(15)} <= 2 s      ${verdict(recovered !== undefined && recovered <= 2000)}\n`,
    );
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
