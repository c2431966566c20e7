/**
 * The processes the benchmark measures: the four subgraphs (and notifications, which the
 * supergraph names) each as its own node process on compiled JavaScript, with the generated
 * dataset already in their document files; and the three gateways, each pinned to core 0 when
 * `taskset` exists.
 *
 * Subgraphs run without NODE_ENV=production: production requires Kafka for events (the embedded
 * bus serves one process), and the workloads write nothing. Nothing in the subgraphs' request path
 * depends on NODE_ENV. Each gets its own DATA_DIR, so their embedded event logs stay apart.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { keyRingFromPems, openDocumentStore, type DocumentStore, type KeyRing } from '@skillgraph/platform';
import { openSeedTargets } from '@skillgraph/stack/src/seed';
import { openEnrollmentRepository } from '@skillgraph/courses/src/data/enrollment-repository';
import { compiledEnv, REPO_ROOT, type CompiledTree } from './compile';
import { loadDataset, type GeneratedDataset } from './dataset';
import { freePort } from '../../packages/stack/test/support/process';

export const SUBGRAPHS = ['users', 'courses', 'assessments', 'media', 'notifications'] as const;
export type Subgraph = (typeof SUBGRAPHS)[number];
export const GATEWAYS = ['ours', 'stock', 'hive'] as const;
export type GatewayName = (typeof GATEWAYS)[number];

export interface Service {
  name: string;
  pid: number;
  url: string;
  /** The last lines the process wrote (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface Secrets {
  gatewaySecret: string;
  privateKeyPem: string;
  keyRing: KeyRing;
}

export async function makeSecrets(): Promise<Secrets> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { gatewaySecret: randomBytes(32).toString('base64url'), privateKeyPem, keyRing: await keyRingFromPems([privateKeyPem]) };
}

export const hasTaskset = (): boolean => spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** Pins this process (the load generator) to core 1, away from the gateway under test. */
export function pinSelf(core: number): boolean {
  return spawnSync('taskset', ['-p', '-c', String(core), String(process.pid)], { stdio: 'ignore' }).status === 0;
}

/** Writes the dataset into each subgraph's document files under `<root>/<subgraph>/<subgraph>`. */
export async function writeDataset(root: string, dataset: GeneratedDataset): Promise<void> {
  const stores = {} as Record<'users' | 'courses' | 'assessments' | 'media', DocumentStore>;
  for (const name of ['users', 'courses', 'assessments', 'media'] as const) stores[name] = await openDocumentStore({ directory: path.join(root, name, name) });
  try {
    const targets = await openSeedTargets(stores);
    await loadDataset({ ...targets, courses: { ...targets.courses, enrollments: await openEnrollmentRepository(stores.courses) } }, dataset);
  } finally {
    await Promise.all(Object.values(stores).map((store) => store.close()));
  }
}

interface StartOptions {
  name: string;
  script: string;
  env: Record<string, string>;
  pin?: number;
  ready(url: string): Promise<boolean>;
  url(port: number): string;
}

async function startProcess({ name, script, env, pin, ready, url: urlOf }: StartOptions): Promise<Service> {
  const port = await freePort();
  const command = pin === undefined ? [process.execPath, script] : ['taskset', '-c', String(pin), process.execPath, script];
  const child: ChildProcess = spawn(command[0]!, command.slice(1), {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...compiledEnv(), ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => void (output = (output + chunk.toString()).slice(-8000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = urlOf(port);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`${name} did not become ready:\n${output}`);
    if (await ready(url).catch(() => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    name,
    pid: child.pid!,
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const healthy = async (url: string): Promise<boolean> => (await fetch(new URL('/health', url))).ok;

export async function startSubgraphs(tree: CompiledTree, root: string, secrets: Secrets): Promise<Record<Subgraph, Service>> {
  const services = {} as Record<Subgraph, Service>;
  const common = { GATEWAY_SECRET: secrets.gatewaySecret, LOG_LEVEL: 'warn', SEED: 'false' };
  try {
    services.users = await startProcess({
      name: 'users',
      script: tree.js('subgraphs/users/src/index.ts'),
      env: { ...common, DATA_DIR: path.join(root, 'users'), JWT_PRIVATE_KEYS: secrets.privateKeyPem },
      ready: healthy,
      url: (port) => `http://127.0.0.1:${port}/graphql`,
    });
    const jwksUrl = new URL('/.well-known/jwks.json', services.users.url).toString();
    // The others only need the users subgraph's keys: they start together.
    const others = ['courses', 'assessments', 'media', 'notifications'] as const;
    const started = await Promise.allSettled(
      others.map(async (name) => {
        const dataDir = path.join(root, name);
        await fs.mkdir(dataDir, { recursive: true });
        return startProcess({
          name,
          script: tree.js(`subgraphs/${name}/src/index.ts`),
          env: { ...common, DATA_DIR: dataDir, JWKS_URL: jwksUrl, MEDIA_PUBLIC_URL: 'https://api.bench.skillgraph.dev' },
          ready: healthy,
          url: (port) => `http://127.0.0.1:${port}/graphql`,
        });
      }),
    );
    started.forEach((outcome, k) => {
      if (outcome.status === 'fulfilled') services[others[k]!] = outcome.value;
    });
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return services;
  } catch (error) {
    await Promise.all(Object.values(services).map((service) => service.stop()));
    throw error;
  }
}

/** The committed supergraph with each subgraph's URL replaced by where it runs now. */
export async function writeSupergraph(target: string, subgraphs: Record<Subgraph, Service>): Promise<void> {
  let sdl = await fs.readFile(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), 'utf8');
  for (const name of SUBGRAPHS) {
    const pattern = new RegExp(`(join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!pattern.test(sdl)) throw new Error(`the supergraph names no subgraph ${name}`);
    sdl = sdl.replace(pattern, `$1${subgraphs[name].url}$2`);
  }
  await fs.writeFile(target, sdl);
}

const answersGraphQL = async (url: string): Promise<boolean> => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
  return response.ok && ((await response.json()) as { data?: unknown }).data !== undefined;
};

export async function startGateway(
  which: GatewayName,
  tree: CompiledTree,
  options: { supergraphPath: string; secrets: Secrets; subgraphs: Record<Subgraph, Service>; pin?: number; label?: string },
): Promise<Service> {
  const base = { NODE_ENV: 'production', SUPERGRAPH_PATH: options.supergraphPath, GATEWAY_SECRET: options.secrets.gatewaySecret };
  const pin = options.pin === undefined ? {} : { pin: options.pin };
  const url = (port: number): string => `http://127.0.0.1:${port}/graphql`;
  const graphqlUrl = (port: number): string => (which === 'stock' ? `http://127.0.0.1:${port}/` : url(port));
  const env: Record<GatewayName, () => Record<string, string>> = {
    // Production defaults, except the per-client and per-user rate limits: all load comes from one address and few users.
    ours: () => ({
      ...base,
      JWKS_URL: new URL('/.well-known/jwks.json', options.subgraphs.users.url).toString(),
      ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, options.subgraphs[name].url])),
      RATE_LIMIT_PER_CLIENT: '0',
      RATE_LIMIT_PER_USER: '0',
    }),
    stock: () => base,
    hive: () => base,
  };
  const script: Record<GatewayName, string> = {
    ours: 'gateway/src/index.ts',
    stock: 'bench/gateway/baselines/stock-apollo.ts',
    hive: 'bench/gateway/baselines/hive.ts',
  };
  return startProcess({ name: options.label ?? which, script: tree.js(script[which]), env: env[which](), ...pin, ready: answersGraphQL, url: graphqlUrl });
}
