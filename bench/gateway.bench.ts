/**
 * Gateway benchmark (npm run bench:gateway; docs/performance.md explains how to read it).
 *
 * Starts the subgraphs once, as compiled JavaScript in their own processes, over a generated
 * dataset (2,000 users, 500 courses of 10 lessons, media, assessments, enrollments); then runs the
 * workloads of bench/gateway/workloads.ts against SkillGraph's gateway, a stock @apollo/gateway +
 * @apollo/server, and Hive Gateway (each pinned to core 0; this process, the load generator, on
 * core 1), in interleaved rounds after a warm-up, and reports medians and ratios. The one-subgraph
 * workload is also sent straight to its subgraph.
 *
 * Options (flags, or the environment variable in brackets):
 *   --quick                 1 round of 3 s, 1 s warm-up (about two minutes)
 *   --rounds <n>   [BENCH_ROUNDS]   rounds (default 3)
 *   --seconds <n>  [BENCH_SECONDS]  about this long per gateway, workload and round (default 5): a run
 *                                   sends what the last rate seen gives in that time, and awaits every answer
 *   --warmup <n>   [BENCH_WARMUP]   warm-up seconds per gateway and workload (default 2)
 *   --workloads a,b         only these workloads (default all)
 *   --gateways a,b          only these of ours,stock,hive (default all)
 *   --out <dir>             where the record goes (default bench/results; --quick: a temporary folder)
 *   --base <rev>            also run our gateway compiled from git revision <rev> (target "base"),
 *                           to compare a gateway change with what it changes, side by side
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileTree, exportRevision, REPO_ROOT, type CompiledTree } from './gateway/compile';
import { BENCH_DATASET_SIZE, generateDataset } from './gateway/dataset';
import { buildFixtures, catalogueCursors } from './gateway/fixtures';
import { idleCpuRate, medianOf, runLoad, type RunResult, type RunTarget } from './gateway/load';
import { gitState, goalsOf, machine, markdownOf, ratiosOf, writeRecord, type BenchRecord, type TargetName } from './gateway/report';
import {
  GATEWAYS,
  hasTaskset,
  makeSecrets,
  pinSelf,
  startGateway,
  startSubgraphs,
  writeDataset,
  writeSupergraph,
  type GatewayName,
  type Service,
} from './gateway/services';
import { verifyIdenticalAnswers } from './gateway/verify';
import { WORKLOADS, type Workload } from './gateway/workloads';

const flag = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
};
const QUICK = process.argv.includes('--quick');
const numberSetting = (name: string, env: string, normal: number, quick: number): number => {
  const raw = flag(name) ?? process.env[env];
  const value = raw === undefined ? (QUICK ? quick : normal) : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} (${env}) must be a positive number, not ${raw}`);
  return value;
};
const ROUNDS = numberSetting('rounds', 'BENCH_ROUNDS', 3, 1);
const SECONDS = numberSetting('seconds', 'BENCH_SECONDS', 5, 3);
const WARMUP = numberSetting('warmup', 'BENCH_WARMUP', 2, 1);
const list = (name: string): string[] | undefined =>
  flag(name)
    ?.split(',')
    .map((item) => item.trim());
const SELECTED_WORKLOADS = WORKLOADS.filter((w) => !list('workloads') || list('workloads')!.includes(w.name));
const SELECTED_GATEWAYS = GATEWAYS.filter((g) => !list('gateways') || list('gateways')!.includes(g));
const BASE = flag('base');
const OUT = flag('out') ?? (QUICK ? path.join(os.tmpdir(), 'skillgraph-bench-results') : path.join(REPO_ROOT, 'bench', 'results'));

/** Connections per workload: enough to keep the gateway busy; fewer for the long answers. */
const CONNECTIONS: Record<string, number> = { nested: 16, byId: 16, me: 16, 'list-1': 16, 'list-10': 16, 'list-100': 8, 'list-1000': 4 };

const log = (message: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg();
  const taskset = hasTaskset();
  if (taskset) pinSelf(1);
  if (SELECTED_WORKLOADS.length === 0 || SELECTED_GATEWAYS.length === 0) throw new Error('nothing selected to measure');
  log(
    `${os.cpus().length} cores, load average ${loadAtStart.map((v) => v.toFixed(2)).join(' ')}; ${ROUNDS} round(s) of ${SECONDS} s, warm-up ${WARMUP} s; ${taskset ? 'pinning with taskset' : 'no taskset: nothing pinned'}`,
  );

  const services: Service[] = [];
  let tree: CompiledTree | undefined;
  let baseTree: CompiledTree | undefined;
  let baseSource: Awaited<ReturnType<typeof exportRevision>> | undefined;
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-bench-data-'));
  const cleanUp = async (): Promise<void> => {
    await Promise.all(services.map((service) => service.stop().catch(() => undefined)));
    await tree?.remove();
    await baseTree?.remove();
    await baseSource?.remove();
    await fs.rm(root, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  try {
    tree = await compileTree();
    log(`compiled the working tree to ${tree.dir}`);
    if (BASE) {
      baseSource = await exportRevision(BASE);
      baseTree = await compileTree(baseSource.dir);
      log(`compiled ${BASE} (${baseSource.sha}) for the base gateway`);
    }
    const dataset = generateDataset(BENCH_DATASET_SIZE);
    await writeDataset(root, dataset);
    log(
      `dataset written: ${dataset.users.length} users, ${dataset.courses.length} courses (${dataset.catalogueCourseIds.length} in the catalogue), ${dataset.media.length} media, ${dataset.assessments.length} assessments, ${dataset.enrollments.length} enrollments`,
    );

    const secrets = await makeSecrets();
    const subgraphs = await startSubgraphs(tree, root, secrets);
    services.push(...Object.values(subgraphs));
    const supergraphPath = path.join(root, 'supergraph.graphql');
    await writeSupergraph(supergraphPath, subgraphs);
    const gateways = {} as Record<GatewayName, Service>;
    for (const name of SELECTED_GATEWAYS) {
      gateways[name] = await startGateway(name, tree, { supergraphPath, secrets, subgraphs, ...(taskset ? { pin: 0 } : {}) });
      services.push(gateways[name]);
    }
    let baseGateway: Service | undefined;
    if (baseTree) {
      baseGateway = await startGateway('ours', baseTree, { supergraphPath, secrets, subgraphs, label: 'base', ...(taskset ? { pin: 0 } : {}) });
      services.push(baseGateway);
    }
    log(`subgraphs and gateways (${[...SELECTED_GATEWAYS, ...(baseGateway ? ['base'] : [])].join(', ')}) running`);

    const secretHeader = { 'x-skillgraph-gateway-secret': secrets.gatewaySecret };
    const cursors = await catalogueCursors(subgraphs.courses.url, secretHeader);
    const fixtures = await buildFixtures({ dataset, keyRing: secrets.keyRing, issuer: 'skillgraph', audience: 'skillgraph-api', cursors });
    const subgraphPids = Object.values(subgraphs).map((service) => service.pid);
    const targetsFor = (workload: Workload): Partial<Record<TargetName, RunTarget>> => {
      const targets: Partial<Record<TargetName, RunTarget>> = {};
      for (const name of SELECTED_GATEWAYS) targets[name] = { url: gateways[name].url, pid: gateways[name].pid };
      if (baseGateway) targets.base = { url: baseGateway.url, pid: baseGateway.pid };
      if (workload.directSubgraph) {
        const direct = subgraphs[workload.directSubgraph];
        targets.direct = { url: direct.url, pid: direct.pid, headers: secretHeader };
      }
      return targets;
    };

    for (const workload of SELECTED_WORKLOADS) await verifyIdenticalAnswers(targetsFor(workload) as Record<string, RunTarget>, workload, fixtures);
    log('every target answers every workload identically and without errors');

    let firstRequest = 1000;
    const idle = { subgraphs: 0, targets: {} as Partial<Record<TargetName, number>> };
    // The last rate seen per workload and target sizes the next run to about SECONDS.
    const lastRate = new Map<string, number>();
    const measure = async (workload: Workload, target: TargetName, warmUp: boolean): Promise<RunResult> => {
      const runTarget = targetsFor(workload)[target]!;
      const key = `${workload.name}/${target}`;
      const connections = CONNECTIONS[workload.name] ?? 16;
      const length = warmUp ? { seconds: WARMUP } : { requests: Math.max(2 * connections, Math.round((lastRate.get(key) ?? 1) * SECONDS)) };
      // A subgraph called directly is its own target: its idle time is already in the subgraphs' share.
      const idleRates = { target: target === 'direct' ? 0 : (idle.targets[target] ?? 0), subgraphs: idle.subgraphs };
      const result = await runLoad({
        target: runTarget,
        workload,
        fixtures,
        subgraphPids,
        length,
        connections,
        firstRequest,
        idle: idleRates,
      });
      firstRequest += result.requests + 1;
      lastRate.set(key, result.rps);
      return result;
    };
    const idleBefore = await Promise.all(
      [...Object.values(subgraphs), ...SELECTED_GATEWAYS.map((name) => gateways[name]), ...(baseGateway ? [baseGateway] : [])].map((service) =>
        idleCpuRate([service.pid]),
      ),
    );
    for (const workload of SELECTED_WORKLOADS) for (const target of Object.keys(targetsFor(workload)) as TargetName[]) await measure(workload, target, true);
    // Warm-up runs end with requests in flight: let them finish before measuring idle CPU.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const measuredGateways: [TargetName, Service][] = SELECTED_GATEWAYS.map((name): [TargetName, Service] => [name, gateways[name]]);
    if (baseGateway) measuredGateways.push(['base', baseGateway]);
    const subgraphList = Object.values(subgraphs);
    const idleProcesses = [...subgraphList, ...measuredGateways.map(([, service]) => service)];
    // Idle before and after the warm-up; the lower counts (a busy machine only ever adds to it).
    const idleAfter = await Promise.all(idleProcesses.map((service) => idleCpuRate([service.pid])));
    const idleRates = idleAfter.map((rate, k) => Math.min(rate, idleBefore[k]!));
    idle.subgraphs = idleRates.slice(0, subgraphList.length).reduce((sum, rate) => sum + rate, 0);
    measuredGateways.forEach(([name], k) => (idle.targets[name] = idleRates[subgraphList.length + k]!));
    const perSubgraph = subgraphList.map((service, k) => `${service.name} ${idleRates[k]!.toFixed(1)}`).join(', ');
    log(
      `warm-up done; idle CPU (ms/s, not charged to requests): subgraphs ${idle.subgraphs.toFixed(1)} (${perSubgraph}), ${measuredGateways.map(([name]) => `${name} ${idle.targets[name]!.toFixed(1)}`).join(', ')}`,
    );

    const rounds: BenchRecord['rounds'] = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const workload of SELECTED_WORKLOADS) {
        const names = Object.keys(targetsFor(workload)) as TargetName[];
        // Each round starts with a different target, so no one always runs first or last.
        const order = names.map((_, k) => names[(k + round) % names.length]!);
        for (const target of order) {
          const result = await measure(workload, target, false);
          ((rounds[workload.name] ??= {})[target] ??= []).push(result);
          log(
            `round ${round + 1}/${ROUNDS} ${workload.name.padEnd(9)} ${target.padEnd(6)} ${result.rps.toFixed(0).padStart(6)} rps  p50 ${result.p50} ms  CPU ${result.cpuPerRequest.toFixed(2)} ms/req  errors ${result.errors}${result.errorSample ? ` (first: ${result.errorSample.slice(0, 160)})` : ''}`,
          );
        }
      }
    }

    const results: BenchRecord['results'] = {};
    for (const [workload, byTarget] of Object.entries(rounds)) {
      results[workload] = Object.fromEntries(Object.entries(byTarget).map(([target, runs]) => [target, medianOf(runs!)]));
    }
    const ratios = ratiosOf(results);
    const record: BenchRecord = {
      startedAt,
      command: ['npm run bench:gateway', ...(process.argv.slice(2).length ? ['--', ...process.argv.slice(2)] : [])].join(' '),
      machine: machine(taskset, loadAtStart),
      git: { ...gitState(REPO_ROOT), ...(baseSource ? { base: `${BASE} (${baseSource.sha})` } : {}) },
      settings: {
        rounds: ROUNDS,
        seconds: SECONDS,
        warmupSeconds: WARMUP,
        connections: CONNECTIONS,
        dataset: { ...BENCH_DATASET_SIZE },
        idleCpuMsPerSecond: { subgraphs: idle.subgraphs, ...idle.targets },
      },
      results,
      rounds,
      ratios,
      goals: goalsOf(results, ratios),
    };
    console.log(`\n${markdownOf(record)}`);
    const written = await writeRecord(OUT, record);
    log(`written ${written}.json and .md`);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
