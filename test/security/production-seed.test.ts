import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '@skillgraph/stack/src/demo-dataset';
import { postGraphQL } from '../../packages/stack/test/support/graphql';
import { freePort, runStartScript, waitForOutput, type StartedProcess } from '../../packages/stack/test/support/process';
import { REPO_ROOT } from '../../packages/stack/test/support/stack';
import { spawnTracked } from '../support/child-processes';

const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken user { role } } }`;
const DEMO_ADMIN = 'admin@skillgraph.dev';

interface LoginData {
  login: { accessToken: string; user: { role: string } };
}

async function servicePorts(): Promise<Record<string, string>> {
  const names = ['GATEWAY_PORT', 'USERS_PORT', 'COURSES_PORT', 'ASSESSMENTS_PORT', 'MEDIA_PORT', 'NOTIFICATIONS_PORT'];
  const ports: Record<string, string> = {};
  for (const name of names) ports[name] = String(await freePort());
  return ports;
}

/** What production refuses to start without (secrets, a virus scanner: the local clamd). */
const productionEnv = (): Record<string, string> => ({
  NODE_ENV: 'production',
  GATEWAY_SECRET: randomBytes(32).toString('base64'),
  MEDIA_URL_SECRET: randomBytes(32).toString('base64'),
  CLAMAV_HOST: '127.0.0.1',
  CLAMAV_PORT: '3310',
});

describe('case 4: production never seeds the demo accounts', () => {
  const dataDirs: string[] = [];
  let running: StartedProcess | undefined;

  const freshDataDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillgraph-prod-seed-'));
    dataDirs.push(dir);
    return dir;
  };

  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      // SIGINT lets tsx stop the stack it runs; SIGKILL only if it does not within 30 s.
      running.child.kill('SIGINT');
      const stopped = await Promise.race([running.exited.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 30_000))]);
      if (!stopped) running.child.kill('SIGKILL');
      await running.exited;
    }
    running = undefined;
  });
  afterAll(() => {
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function startAndLogin(env: Record<string, string>) {
    const ports = await servicePorts();
    running = runStartScript({ DATA_DIR: freshDataDir(), ...ports, ...env });
    await waitForOutput(running, 'SkillGraph is ready at', 180_000);
    const url = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
    const demo = await postGraphQL<LoginData>(url, LOGIN, { email: DEMO_ADMIN, password: DEMO_PASSWORD });
    const wrong = await postGraphQL<LoginData>(url, LOGIN, { email: DEMO_ADMIN, password: 'not-the-password-1' });
    return { demo, wrong, output: running.output() };
  }

  it('a production start with default settings has no demo account: the published password fails like any wrong one', async () => {
    const { demo, wrong, output } = await startAndLogin(productionEnv());
    expect(output).not.toContain('demo data loaded');
    expect(demo.data ?? null).toBeNull();
    expect(demo.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(demo.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    expect(demo.errors?.[0]?.extensions?.code).toBe(wrong.errors?.[0]?.extensions?.code);
  }, 300_000);

  it('SEED=true with NODE_ENV=production refuses to start, naming SEED', async () => {
    running = runStartScript({ DATA_DIR: freshDataDir(), ...(await servicePorts()), ...productionEnv(), SEED: 'true' });
    expect(await running.exited).toBe(1);
    expect(running.output()).toMatch(/SEED: the demo dataset .* is never loaded in production/);
    expect(running.output()).not.toContain('SkillGraph is ready');
  }, 300_000);

  it('npm run seed refuses in production and writes nothing', async () => {
    const dataDir = freshDataDir();
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const child = spawnTracked(tsx, [path.join(REPO_ROOT, 'scripts', 'seed.ts')], {
      label: 'npm run seed (production)',
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/never loaded in production/);
    expect(output).not.toContain('Demo data loaded');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  }, 300_000);

  it('development still seeds: the demo admin signs in', async () => {
    const { demo, output } = await startAndLogin({});
    expect(output).toContain('demo data loaded');
    expect(demo.errors).toBeUndefined();
    expect(demo.data?.login.user.role).toBe('ADMIN');
  }, 300_000);
});
