/**
 * Start-up benchmark (npm run bench:start): how long `npm start` (scripts/start.ts, embedded
 * storage) takes until it logs "SkillGraph is ready at", on a fresh data directory (the demo data
 * is seeded) and on restarts of the same directory. The tests only wait for readiness; this is
 * where the speed is measured. Run it on an idle machine: the figure is the machine's too.
 *
 * Options: --restarts <n> (3).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, runStartScript, waitForOutput } from '../packages/stack/test/support/process';

const index = process.argv.indexOf('--restarts');
const RESTARTS = index === -1 ? 3 : Number(process.argv[index + 1]);
const PORT_NAMES = ['GATEWAY_PORT', 'USERS_PORT', 'COURSES_PORT', 'ASSESSMENTS_PORT', 'MEDIA_PORT', 'NOTIFICATIONS_PORT'];

async function startOnce(env: Record<string, string>): Promise<number> {
  const begun = performance.now();
  const running = runStartScript(env);
  try {
    await waitForOutput(running, 'SkillGraph is ready at', 300_000);
    return performance.now() - begun;
  } finally {
    running.child.kill('SIGINT');
    await running.exited;
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillgraph-start-bench-'));
  try {
    const env: Record<string, string> = { DATA_DIR: dataDir };
    for (const name of PORT_NAMES) env[name] = String(await freePort());
    const cold = await startOnce(env);
    const warm: number[] = [];
    for (let run = 0; run < RESTARTS; run++) warm.push(await startOnce(env));
    const sorted = [...warm].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    console.log(
      `load average at the end: ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')} (${os.cpus().length} cores)`,
    );
    console.log(`fresh data directory (demo data seeded): ${(cold / 1000).toFixed(1)} s to ready`);
    console.log(`restart (${RESTARTS} runs): median ${(median / 1000).toFixed(1)} s, runs ${warm.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
