import path from 'node:path';
import { z } from 'zod';
import { loadAuthConfig, type AuthConfig } from '@skillgraph/platform/src/auth/config';
import { configProblemCollector, env, loadConfig, processEnv, type Env } from '@skillgraph/platform/src/config';
import { ConfigError } from '@skillgraph/platform/src/errors';
import { loadHttpServerTimeouts, type HttpServerTimeouts } from '@skillgraph/platform/src/http/server';
import { loadTracingConfig, type TracingConfig } from '@skillgraph/platform/src/observability/config';
import type { TrustedDocumentsSettings } from './trusted-documents';

/** The built web client: `web/dist` of the repository (or beside the compiled gateway in the image). */
const DEFAULT_WEB_CLIENT_DIR = path.resolve(__dirname, '..', '..', 'web', 'dist');

/** WEB_CLIENT_DIR: the directory the gateway serves at `/` (gateway/src/web-client.ts); `none`: the API only. */
const webClientDir = z
  .string()
  .min(1, 'must be a directory, or none')
  .default(DEFAULT_WEB_CLIENT_DIR)
  .transform((dir) => (dir === 'none' ? undefined : path.resolve(dir)));

const gatewayEnvSchema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  PORT: env.port(4000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  SUPERGRAPH_PATH: z
    .string()
    .min(1, 'must not be empty')
    .default(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'))
    .transform((file) => path.resolve(file)),
  USERS_URL: env.url().optional(),
  COURSES_URL: env.url().optional(),
  ASSESSMENTS_URL: env.url().optional(),
  MEDIA_URL: env.url().optional(),
  NOTIFICATIONS_URL: env.url().optional(),
  SUBGRAPH_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(100, 'must be at least 100')
    .max(120_000, 'must be at most 120000')
    .default(10_000),
  WEB_CLIENT_DIR: webClientDir,
});

export type GatewayEnv = z.output<typeof gatewayEnvSchema>;

export const loadGatewayEnv = (source: Env): GatewayEnv => loadConfig('gateway', gatewayEnvSchema, source);

/** Subgraph URLs given by configuration; names left out use the URL the supergraph names. */
export function subgraphUrlOverrides(config: GatewayEnv): Record<string, string> {
  const entries = {
    users: config.USERS_URL,
    courses: config.COURSES_URL,
    assessments: config.ASSESSMENTS_URL,
    media: config.MEDIA_URL,
    notifications: config.NOTIFICATIONS_URL,
  };
  return Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export interface GatewayConfig {
  env: GatewayEnv;
  auth: AuthConfig;
  /** Required: a gateway process cannot share a generated secret with subgraphs in other processes. */
  gatewaySecret: string;
  /** JWKS_URL, else the users subgraph's `/.well-known/jwks.json` next to USERS_URL (or the supergraph's default). */
  jwksUrl: URL;
  edge: EdgeSettings;
  tracing: TracingConfig;
}

const DEFAULT_USERS_URL = 'http://127.0.0.1:4001/graphql';

/** The standalone gateway's settings (gateway/src/index.ts); one ConfigError lists every problem. */
export function loadGatewayConfig(source: Env): GatewayConfig {
  const problems: string[] = [];
  let gatewayEnv: GatewayEnv | undefined;
  let auth: AuthConfig | undefined;
  let edge: EdgeSettings | undefined;
  try {
    edge = loadEdgeSettings(source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  try {
    gatewayEnv = loadGatewayEnv(source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  try {
    auth = loadAuthConfig(source, 'gateway');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  let tracing: TracingConfig | undefined;
  try {
    tracing = loadTracingConfig(source, 'skillgraph-gateway');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (auth && !auth.gatewaySecret && auth.nodeEnv !== 'production') {
    problems.push('GATEWAY_SECRET: is required to run the gateway on its own (every subgraph must get the same value)');
  }
  if (!gatewayEnv || !edge || !tracing || !auth?.gatewaySecret || problems.length > 0) throw new ConfigError('gateway', [...new Set(problems)]);
  const jwksUrl = auth.jwksUrl ?? new URL('/.well-known/jwks.json', gatewayEnv.USERS_URL ?? DEFAULT_USERS_URL);
  return { env: gatewayEnv, auth, gatewaySecret: auth.gatewaySecret, jwksUrl, edge, tracing };
}

// ---------------------------------------------------------------------------------------------
// Edge settings: operation limits, overload shedding, rate limits, CORS, breakers, metrics.
// Every default is listed in docs/edge.md.

const count = (fallback: number, min = 0, max = 1_000_000) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

const originList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const origins = value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    for (const origin of origins) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.origin !== origin)
        ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin such as https://app.example.com (scheme, host and port only)` });
    }
    return origins;
  });

// Express's `trust proxy` setting: false, a hop count, or named ranges / addresses / CIDRs.
const trustedProxies = z
  .string()
  .default('false')
  .transform((value, ctx): boolean | number | string[] => {
    const trimmed = value.trim();
    if (trimmed === 'false' || trimmed === '') return false;
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    const entries = trimmed.split(',').map((item) => item.trim());
    const valid = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/;
    for (const entry of entries)
      if (!valid.test(entry)) ctx.addIssue({ code: 'custom', message: `"${entry}" is not loopback, linklocal, uniquelocal, an address or a CIDR range` });
    return entries;
  });

const edgeEnvSchema = z.object({
  NODE_ENV: env.nodeEnv(),
  MAX_DEPTH: count(12, 1, 1000),
  MAX_ALIASES: count(30, 0, 10_000),
  MAX_ROOT_FIELDS: count(20, 1, 10_000),
  MAX_DIRECTIVES: count(50, 0, 10_000),
  MAX_TOKENS: count(3000, 100, 1_000_000),
  MAX_COST: count(20_000, 1, 100_000_000),
  COST_DEFAULT_LIST_SIZE: count(10, 1, 10_000),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/, 'must be a size such as 100kb or 1mb')
    .default('1mb'),
  MAX_IN_FLIGHT: count(200, 0, 100_000),
  // No default here: it depends on NODE_ENV (see loadEdgeSettings).
  ADMISSION_TARGET_LATENCY_MS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(600_000, 'must be at most 600000')
    .optional(),
  ADMISSION_QUEUE_SIZE: count(100, 0, 100_000),
  ADMISSION_QUEUE_TIMEOUT_MS: count(200, 1, 600_000),
  ADMISSION_REFUSAL_DELAY_MS: count(35, 0, 10_000),
  // No default here: it depends on NODE_ENV (see loadEdgeSettings).
  EVENT_LOOP_LAG_LIMIT_MS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(60_000, 'must be at most 60000')
    .optional(),
  RETRY_AFTER_SECONDS: count(1, 1, 3600),
  RATE_LIMIT_WINDOW_SECONDS: count(60, 1, 86_400),
  RATE_LIMIT_PER_CLIENT: count(3000, 0, 100_000_000),
  RATE_LIMIT_PER_USER: count(1200, 0, 100_000_000),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'must start with redis:// or rediss://')
    .optional(),
  TRUSTED_PROXIES: trustedProxies,
  CORS_ORIGINS: originList,
  CORS_CREDENTIALS: env.boolean(false),
  SUBGRAPH_BREAKER_FAILURES: count(5, 1, 10_000),
  SUBGRAPH_BREAKER_COOLDOWN_MS: count(5_000, 100, 600_000),
  SHUTDOWN_DRAIN_DELAY_MS: count(500, 0, 120_000),
  METRICS_PUBLIC: z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).optional(),
  TRUSTED_DOCUMENTS: z.enum(['off', 'enforce'], { error: 'must be off or enforce' }).default('off'),
  TRUSTED_DOCUMENTS_MANIFEST: z.string().min(1, 'must not be empty').optional(),
});

const checkedEdgeEnvSchema = edgeEnvSchema.superRefine((e, ctx) => {
  if (e.TRUSTED_DOCUMENTS === 'enforce' && !e.TRUSTED_DOCUMENTS_MANIFEST)
    ctx.addIssue({ code: 'custom', path: ['TRUSTED_DOCUMENTS_MANIFEST'], message: 'is required when TRUSTED_DOCUMENTS=enforce' });
});

/** Everything the gateway enforces at its edge; `createGatewayServer` takes it as `edge`. */
export interface EdgeSettings {
  limits: { maxDepth: number; maxAliases: number; maxRootFields: number; maxDirectives: number; maxTokens: number; maxCost: number; defaultListSize: number };
  /** Hide "Did you mean ..." and other schema hints from clients (production). */
  hideSchemaDetails: boolean;
  bodyLimit: string;
  /** Ceiling of the adaptive in-flight limit; 0 turns admission control off. */
  maxInFlight: number;
  /** Adaptive concurrency and its queue (docs/edge.md "Overload"). */
  admission: { targetLatencyMs: number; queueSize: number; queueTimeoutMs: number; refusalDelayMs: number };
  /** node:http timeouts of the gateway's server (docs/edge.md "HTTP server timeouts"). */
  http: HttpServerTimeouts;
  /** Event-loop delay that sheds new requests with 503; 0 turns it off. */
  eventLoopLagLimitMs: number;
  retryAfterSeconds: number;
  rateLimits: { windowSeconds: number; perClient: number; perUser: number; redisUrl?: string };
  trustedProxies: boolean | number | string[];
  cors: { origins: string[]; credentials: boolean };
  breaker: { failures: number; cooldownMs: number };
  /** Serve `/metrics` on the public port. */
  metricsPublic: boolean;
  /**
   * On shutdown, keep accepting this long while answering with `Connection: close` and `/ready`
   * 503, so clients and load balancers move away before the listener closes. 0 = close at once.
   */
  drainDelayMs: number;
  /** Only operations from a registered manifest (`enforce`), or any (`off`, the default). */
  trustedDocuments: TrustedDocumentsSettings;
}

export function loadEdgeSettings(source: Env): EdgeSettings {
  // The server time-outs are a settings group of their own: both groups' problems go in one message.
  const { problems, attempt } = configProblemCollector();
  const parsed = attempt(() => loadConfig('gateway', checkedEdgeEnvSchema, source));
  const http = attempt(() => loadHttpServerTimeouts('gateway', source));
  if (!parsed || !http) throw new ConfigError('gateway', problems);
  const e = parsed;
  const production = e.NODE_ENV === 'production';
  return {
    limits: {
      maxDepth: e.MAX_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxRootFields: e.MAX_ROOT_FIELDS,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
      maxCost: e.MAX_COST,
      defaultListSize: e.COST_DEFAULT_LIST_SIZE,
    },
    hideSchemaDetails: production,
    bodyLimit: e.BODY_LIMIT,
    maxInFlight: e.MAX_IN_FLIGHT,
    admission: {
      // Test runners share starved CPUs among many processes, as for the lag limit below: slow answers
      // there are not overload, so the limit stays at MAX_IN_FLIGHT unless a test asks otherwise.
      targetLatencyMs: e.ADMISSION_TARGET_LATENCY_MS ?? (e.NODE_ENV === 'test' ? 0 : 300),
      queueSize: e.ADMISSION_QUEUE_SIZE,
      queueTimeoutMs: e.ADMISSION_QUEUE_TIMEOUT_MS,
      refusalDelayMs: e.ADMISSION_REFUSAL_DELAY_MS,
    },
    http,
    // Test runners share starved CPUs among many processes: a slow loop there is not overload.
    eventLoopLagLimitMs: e.EVENT_LOOP_LAG_LIMIT_MS ?? (e.NODE_ENV === 'test' ? 0 : 1000),
    retryAfterSeconds: e.RETRY_AFTER_SECONDS,
    rateLimits: {
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      perClient: e.RATE_LIMIT_PER_CLIENT,
      perUser: e.RATE_LIMIT_PER_USER,
      ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    },
    trustedProxies: e.TRUSTED_PROXIES,
    cors: { origins: e.CORS_ORIGINS, credentials: e.CORS_CREDENTIALS },
    breaker: { failures: e.SUBGRAPH_BREAKER_FAILURES, cooldownMs: e.SUBGRAPH_BREAKER_COOLDOWN_MS },
    drainDelayMs: e.SHUTDOWN_DRAIN_DELAY_MS,
    metricsPublic: e.METRICS_PUBLIC === undefined ? !production : e.METRICS_PUBLIC === 'true' || e.METRICS_PUBLIC === '1',
    trustedDocuments: { mode: e.TRUSTED_DOCUMENTS, ...(e.TRUSTED_DOCUMENTS_MANIFEST ? { manifestPath: path.resolve(e.TRUSTED_DOCUMENTS_MANIFEST) } : {}) },
  };
}

/** The edge settings of this process's environment: used when the caller passes none (the one-process stack). */
export const edgeSettingsFromEnvironment = (): EdgeSettings => loadEdgeSettings(processEnv());
