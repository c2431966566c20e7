import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { spawnTracked } from '../../../../test/support/child-processes';
import { REPO_ROOT } from './stack';

/** A port nothing listens on right now (the OS picks it, we release it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface StartedProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Runs `tsx scripts/start.ts` (what `npm start` runs) with the given environment, in a process group
 * of its own (tsx runs the script in a second node process): stop it with `stopGroup`.
 */
export function runStartScript(env: Record<string, string>): StartedProcess {
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const child = spawnTracked(tsx, [path.join(REPO_ROOT, 'scripts', 'start.ts')], {
    label: 'npm start (tsx scripts/start.ts)',
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/**
 * Waits until the output contains `text`. `timeoutMs` is a ceiling against a hung process, not a
 * speed claim: give a whole stack 120 s or more (a loaded machine is slow, not broken).
 */
export async function waitForOutput(started: StartedProcess, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}"; output:\n${started.output()}`);
    if (started.child.exitCode !== null) throw new Error(`process exited (${started.child.exitCode}) before "${text}"; output:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const STACK_PORT_NAMES = ['GATEWAY_PORT', 'USERS_PORT', 'COURSES_PORT', 'ASSESSMENTS_PORT', 'MEDIA_PORT', 'NOTIFICATIONS_PORT'] as const;

/**
 * Runs `npm start` on free ports and waits until it is ready. A port is free when picked but is
 * only bound by the child later: on a busy machine another process can take it in between. That
 * is the machine's race, not the stack's, so a start that fails with EADDRINUSE is retried on
 * other ports (three attempts); any other failure is thrown at once.
 */
export async function startStackScript(
  env: Record<string, string>,
  readyTimeoutMs = 180_000,
): Promise<{ running: StartedProcess; ports: Record<string, string> }> {
  for (let attempt = 1; ; attempt++) {
    const ports: Record<string, string> = {};
    for (const name of STACK_PORT_NAMES) ports[name] = String(await freePort());
    const running = runStartScript({ ...env, ...ports });
    try {
      await waitForOutput(running, 'SkillGraph is ready at', readyTimeoutMs);
      return { running, ports };
    } catch (error) {
      if (running.child.exitCode === null) running.child.kill('SIGKILL');
      await running.exited;
      if (attempt >= 3 || !running.output().includes('EADDRINUSE')) throw error;
    }
  }
}
