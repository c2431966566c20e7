/**
 * The registry of processes a test run starts. Every child a test or its support spawns goes
 * through here: it runs detached in its own process group and its group id is written to the run's
 * temporary directory, so the run's global teardown (scripts/test/global-teardown.js) can stop
 * whatever is still alive however the test ended (a failed assertion, a timeout, a killed worker).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Set by scripts/test/global-setup.js; absent when a file runs outside jest's global setup. */
export const RUN_DIR_ENV = 'SKILLGRAPH_TEST_RUN_DIR';

/**
 * `child`: belongs to one test, which must stop it; one still alive after the run is a leak and
 * fails the run. `service`: started once for the whole run (e.g. clamd when none was running) and
 * shared by suites; the teardown stops it without counting it as a leak.
 */
export type TrackedKind = 'child' | 'service';

export interface TrackedProcess {
  pid: number;
  /** True when `pid` leads its own process group: the teardown signals the whole group. */
  group: boolean;
  kind: TrackedKind;
  label: string;
  /** For a single pid (no group): the name /proc must show, so a reused pid is never signalled. */
  command?: string;
  testPath: string;
}

function currentTestPath(): string {
  try {
    return expect.getState().testPath ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Records a process for the run's teardown. */
export function trackProcess(record: Omit<TrackedProcess, 'testPath'>): void {
  const runDir = process.env[RUN_DIR_ENV];
  if (!runDir) return;
  const dir = path.join(runDir, 'processes');
  fs.mkdirSync(dir, { recursive: true });
  const entry: TrackedProcess = { ...record, testPath: currentTestPath() };
  fs.writeFileSync(path.join(dir, `${record.pid}.json`), JSON.stringify(entry));
}

/**
 * `spawn` in a process group of its own, recorded for the teardown. Use `stopGroup` to stop it with
 * everything it started (tsx, for instance, runs the script in a second node process).
 */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions & { label?: string } = {}): ChildProcess {
  const { label = `${path.basename(command)} ${args.join(' ')}`.slice(0, 200), ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true });
  if (child.pid !== undefined) trackProcess({ pid: child.pid, group: true, kind: 'child', label });
  return child;
}

/** Sends `signal` to the child's whole process group; true when there was a group to signal. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Stops the child and everything in its group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.pid === undefined) return;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (!signalGroup(child, 'SIGTERM')) return;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
  const outcome = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  // The leader may have gone while members of its group remain: those get SIGKILL too.
  if (outcome === 'timeout' || groupAlive(child.pid)) signalGroup(child, 'SIGKILL');
  await exited;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
