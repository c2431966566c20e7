/**
 * The benchmark's table, ratios and goals, printed and written as `<when>-<sha>.json` + `.md`.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunResult } from './load';

/** `base`: our gateway compiled from another revision (`--base <rev>`). */
export type TargetName = 'ours' | 'base' | 'stock' | 'hive' | 'direct';

export interface BenchRecord {
  startedAt: string;
  command: string;
  machine: { cores: number; loadAverageAtStart: number[]; loadAverageAtEnd: number[]; node: string; cpuModel: string; taskset: boolean };
  git: { sha: string; dirty: boolean; base?: string };
  settings: {
    rounds: number;
    seconds: number;
    warmupSeconds: number;
    connections: Record<string, number>;
    dataset: Record<string, unknown>;
    idleCpuMsPerSecond: Record<string, number>;
  };
  /** Medians over rounds, per workload and target. */
  results: Record<string, Partial<Record<TargetName, RunResult>>>;
  /** Every round, for anyone who wants the spread. */
  rounds: Record<string, Partial<Record<TargetName, RunResult[]>>>;
  ratios: Record<string, Record<string, number>>;
  goals: { goal: string; value: string; met: boolean }[];
}

export function gitState(root: string): { sha: string; dirty: boolean } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root }).toString().trim();
  return { sha: git('rev-parse', '--short', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no').length > 0 };
}

export function machine(taskset: boolean, loadAverageAtStart: number[]): BenchRecord['machine'] {
  return {
    cores: os.cpus().length,
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg(),
    node: process.version,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    taskset,
  };
}

const ratio = (a: number | undefined, b: number | undefined): number => (a === undefined || b === undefined || b === 0 ? NaN : a / b);

export function ratiosOf(results: BenchRecord['results']): BenchRecord['ratios'] {
  const ratios: BenchRecord['ratios'] = {};
  for (const [workload, byTarget] of Object.entries(results)) {
    const ours = byTarget.ours;
    ratios[workload] = {
      'RPS ours/stock': ratio(ours?.rps, byTarget.stock?.rps),
      'RPS ours/hive': ratio(ours?.rps, byTarget.hive?.rps),
      'CPU/req ours/stock': ratio(ours?.cpuPerRequest, byTarget.stock?.cpuPerRequest),
      'CPU/req ours/hive': ratio(ours?.cpuPerRequest, byTarget.hive?.cpuPerRequest),
      'RSS ours/stock': ratio(ours?.rssMb, byTarget.stock?.rssMb),
      ...(byTarget.base
        ? { 'RPS ours/base': ratio(ours?.rps, byTarget.base.rps), 'CPU/req ours/base': ratio(ours?.cpuPerRequest, byTarget.base.cpuPerRequest) }
        : {}),
      ...(byTarget.direct
        ? { 'RPS ours/direct': ratio(ours?.rps, byTarget.direct.rps), 'RPS stock/direct': ratio(byTarget.stock?.rps, byTarget.direct.rps) }
        : {}),
    };
  }
  return ratios;
}

/** The issue's goals, checked against this run's ratios (informative: the benchmark never fails on them). */
export function goalsOf(results: BenchRecord['results'], ratios: BenchRecord['ratios']): BenchRecord['goals'] {
  const goals: BenchRecord['goals'] = [];
  const at = (workload: string, key: string): number => ratios[workload]?.[key] ?? NaN;
  // A goal whose peer was not measured in this run (--gateways, --workloads) is left out.
  const add = (goal: string, value: number, met: boolean, format = (v: number) => `${v.toFixed(2)}×`) => {
    if (!Number.isNaN(value)) goals.push({ goal, value: format(value), met });
  };
  for (const workload of ['nested', 'byId']) {
    add(`${workload}: RPS ours/stock ≥ 1.5`, at(workload, 'RPS ours/stock'), at(workload, 'RPS ours/stock') >= 1.5);
    add(`${workload}: CPU per request ours/stock ≤ 0.6`, at(workload, 'CPU/req ours/stock'), at(workload, 'CPU/req ours/stock') <= 0.6);
  }
  add('nested: RPS ours/hive ≥ 1.5', at('nested', 'RPS ours/hive'), at('nested', 'RPS ours/hive') >= 1.5);
  add('byId: ours ≥ 40% of the subgraph direct rate', at('byId', 'RPS ours/direct'), at('byId', 'RPS ours/direct') >= 0.4, (v) => `${(v * 100).toFixed(0)}%`);
  for (const workload of Object.keys(results)) {
    const ours = results[workload]?.ours?.rssMb;
    const stock = results[workload]?.stock?.rssMb;
    if (ours !== undefined && stock !== undefined) add(`${workload}: RSS ours ≤ stock + 25%`, ours / stock, ours <= stock * 1.25);
  }
  const p50At = (size: number) => results[`list-${size}`]?.ours?.p50;
  const growth = ratio(p50At(1000), p50At(100));
  if (!Number.isNaN(growth)) add('list: p50 at 1,000 ≤ 10× p50 at 100 (ours)', growth, growth <= 10);
  return goals;
}

const fixed = (value: number | undefined, digits: number): string => (value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits));

export function markdownOf(record: BenchRecord): string {
  const lines: string[] = [];
  lines.push(`# Gateway benchmark, ${record.startedAt}`);
  lines.push('');
  lines.push(
    `\`${record.command}\` at ${record.git.sha}${record.git.dirty ? ' (with uncommitted changes)' : ''}${record.git.base ? `, base = our gateway at ${record.git.base}` : ''}; ${record.machine.cores} cores (${record.machine.cpuModel}), load average ${record.machine.loadAverageAtStart.map((v) => v.toFixed(2)).join(' ')} at start, ${record.machine.loadAverageAtEnd.map((v) => v.toFixed(2)).join(' ')} at end; node ${record.machine.node}; gateways ${record.machine.taskset ? 'pinned to core 0, load generator on core 1' : 'not pinned (no taskset)'}.`,
  );
  lines.push(
    `${record.settings.rounds} interleaved round(s) of ${record.settings.seconds} s per gateway and workload after a ${record.settings.warmupSeconds} s warm-up; medians.`,
  );
  lines.push('');
  lines.push('| workload | target | RPS | p50 ms | p99 ms | errors | gateway CPU ms/req | subgraph CPU ms/req | RSS MB |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [workload, byTarget] of Object.entries(record.results)) {
    for (const [target, r] of Object.entries(byTarget)) {
      lines.push(
        `| ${workload} | ${target} | ${fixed(r.rps, 0)} | ${fixed(r.p50, 0)} | ${fixed(r.p99, 0)} | ${r.errors} | ${target === 'direct' ? '-' : fixed(r.cpuPerRequest, 2)} | ${fixed(r.subgraphCpuPerRequest, 2)} | ${target === 'direct' ? '-' : fixed(r.rssMb, 0)} |`,
      );
    }
  }
  lines.push('');
  const ratioKeys = [...new Set(Object.values(record.ratios).flatMap((r) => Object.keys(r)))];
  lines.push(`| workload | ${ratioKeys.join(' | ')} |`);
  lines.push(`|---|${ratioKeys.map(() => '---:').join('|')}|`);
  for (const [workload, r] of Object.entries(record.ratios)) lines.push(`| ${workload} | ${ratioKeys.map((key) => fixed(r[key], 2)).join(' | ')} |`);
  lines.push('');
  lines.push('| goal | this run | met |');
  lines.push('|---|---:|---|');
  for (const goal of record.goals) lines.push(`| ${goal.goal} | ${goal.value} | ${goal.met ? 'yes' : 'no'} |`);
  return `${lines.join('\n')}\n`;
}

export async function writeRecord(dir: string, record: BenchRecord): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const when = record.startedAt.replace(/:\d\d\.\d+Z$/, 'Z').replace(/[:]/g, '');
  const base = path.join(dir, `${when}-${record.git.sha}`);
  await fs.writeFile(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
  await fs.writeFile(`${base}.md`, markdownOf(record));
  return base;
}
