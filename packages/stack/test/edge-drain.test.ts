import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopGroup } from '../../../test/support/child-processes';
import { startStackScript, type StartedProcess } from './support/process';

const CATALOGUE = JSON.stringify({
  query: '{ courses(first: 10) { edges { node { title instructor { name } assessments { title } lessons { title media { filename } } } } } }',
});

interface Attempt {
  startedBeforeSignal: boolean;
  settledBeforeSignal?: boolean;
  status?: number;
  error?: string;
}

describe('npm start under load, then SIGTERM to the process it runs', () => {
  let dataDir: string;
  let running: StartedProcess | undefined;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillgraph-drain-'));
  });
  afterAll(async () => {
    if (running) await stopGroup(running.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('completes every in-flight request and exits 0', async () => {
    // A ceiling, not a speed claim; a port another process took in the meantime is retried.
    const started = await startStackScript({ DATA_DIR: dataDir }, 180_000);
    running = started.running;
    const ports = started.ports;
    const url = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;

    let signalled = false;
    const attempts: Attempt[] = [];
    let completed = 0;
    const client = async (): Promise<void> => {
      for (;;) {
        const attempt: Attempt = { startedBeforeSignal: !signalled };
        attempts.push(attempt);
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: CATALOGUE });
          await response.text();
          attempt.status = response.status;
          completed += 1;
        } catch (error) {
          attempt.error = String((error as Error).cause ?? error);
          return; // the server is gone: this client stops
        } finally {
          attempt.settledBeforeSignal = !signalled;
        }
      }
    };
    const clients = Array.from({ length: 16 }, () => client());
    // Waits for load, however long a busy machine takes to answer 100 requests; the ceiling only
    // ends a hung stack.
    const deadline = Date.now() + 180_000;
    while (completed < 100 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(completed).toBeGreaterThanOrEqual(100);

    signalled = true;
    running.child.kill('SIGTERM');
    const inFlightAtSignal = attempts.filter((attempt) => attempt.startedBeforeSignal && attempt.status === undefined && attempt.error === undefined);
    expect(inFlightAtSignal.length).toBeGreaterThan(0);

    const code = await running.exited;
    await Promise.all(clients);
    expect(code).toBe(0);
    // Everything the clients sent before the signal was answered, and answered well.
    const unanswered = attempts.filter((attempt) => attempt.startedBeforeSignal && attempt.status !== 200);
    expect(unanswered).toEqual([]);
    expect(running.output()).not.toMatch(/shutdown failed|Force killing/);
  }, 480_000);
});
