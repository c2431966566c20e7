import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RUN_DIR_ENV, spawnTracked, trackProcess } from '../../test/support/child-processes';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const globalTeardown = require('./global-teardown.js') as () => Promise<void>;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/** The run's teardown, against a run directory of its own (the real run's stays untouched). */
describe('the test run teardown', () => {
  const realRunDir = process.env[RUN_DIR_ENV];
  let runDir: string;
  const started: ChildProcess[] = [];

  beforeEach(() => {
    runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillgraph-teardown-test-'));
    process.env[RUN_DIR_ENV] = runDir;
  });
  afterEach(() => {
    if (realRunDir) process.env[RUN_DIR_ENV] = realRunDir;
    else delete process.env[RUN_DIR_ENV];
    for (const child of started) if (child.pid && alive(child.pid)) process.kill(child.pid, 'SIGKILL');
    fs.rmSync(runDir, { recursive: true, force: true });
  });

  it('stops a left-over child with its whole group, and fails the run naming it', async () => {
    // A shell that starts a grandchild: killing the shell alone would leave the grandchild.
    const leader = spawnTracked('sh', ['-c', 'sleep 600 & echo $!; wait'], { label: 'left-over shell', stdio: ['ignore', 'pipe', 'ignore'] });
    started.push(leader);
    const grandchild = Number(await new Promise<string>((resolve) => leader.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))));
    expect(alive(grandchild)).toBe(true);

    await expect(globalTeardown()).rejects.toThrow(/left 1 process group\(s\) running[\s\S]*left-over shell \(pid \d+, its process group\)/);
    expect(alive(leader.pid!)).toBe(false);
    expect(alive(grandchild)).toBe(false);
    expect(fs.readFileSync(path.join(runDir, 'leaked-processes.txt'), 'utf8')).toContain('left-over shell');
  }, 60_000);

  it('stops a service the run started without failing, and never touches a process it did not record', async () => {
    const service = spawn('sleep', ['600'], { stdio: 'ignore' });
    const outsider = spawn('sleep', ['600'], { stdio: 'ignore' });
    started.push(service, outsider);
    trackProcess({ pid: service.pid!, group: false, kind: 'service', label: 'a shared service', command: 'sleep' });

    await expect(globalTeardown()).resolves.toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200)); // lets the parent reap it
    expect(service.exitCode !== null || service.signalCode !== null).toBe(true);
    expect(alive(outsider.pid!)).toBe(true);
  }, 60_000);

  it('passes quietly when every recorded child has ended', async () => {
    const child = spawnTracked('true', [], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    await expect(globalTeardown()).resolves.toBeUndefined();
    expect(fs.existsSync(runDir)).toBe(false);
  }, 60_000);
});
