import path from 'node:path';
import { z } from 'zod';
import { ConfigError, env, loadAuthConfig, loadConfig, type AuthConfig, type Env } from '@skillgraph/platform';

const gatewayEnvSchema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  PORT: env.port(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  SUPERGRAPH_PATH: z
    .string()
    .min(1)
    .default(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'))
    .transform((file) => path.resolve(file)),
  USERS_URL: env.url().optional(),
  COURSES_URL: env.url().optional(),
  ASSESSMENTS_URL: env.url().optional(),
  MEDIA_URL: env.url().optional(),
  NOTIFICATIONS_URL: env.url().optional(),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100, 'must be at least 100').max(120_000, 'must be at most 120000').default(10_000),
});

export type GatewayEnv = z.output<typeof gatewayEnvSchema>;

export const loadGatewayEnv = (source: Env): GatewayEnv => loadConfig('gateway', gatewayEnvSchema, source);

/** Subgraph URLs given by configuration; names left out use the URL the supergraph names. */
export function subgraphUrlOverrides(config: GatewayEnv): Record<string, string> {
  const entries = { users: config.USERS_URL, courses: config.COURSES_URL, assessments: config.ASSESSMENTS_URL, media: config.MEDIA_URL, notifications: config.NOTIFICATIONS_URL };
  return Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export interface GatewayConfig {
  env: GatewayEnv;
  auth: AuthConfig;
  /** Required: a gateway process cannot share a generated secret with subgraphs in other processes. */
  gatewaySecret: string;
  /** JWKS_URL, else the users subgraph's `/.well-known/jwks.json` next to USERS_URL (or the supergraph's default). */
  jwksUrl: URL;
}

const DEFAULT_USERS_URL = 'http://127.0.0.1:4001/graphql';

/** The standalone gateway's settings (gateway/src/index.ts); one ConfigError lists every problem. */
export function loadGatewayConfig(source: Env): GatewayConfig {
  const problems: string[] = [];
  let gatewayEnv: GatewayEnv | undefined;
  let auth: AuthConfig | undefined;
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
  if (auth && !auth.gatewaySecret && auth.nodeEnv !== 'production') {
    problems.push('GATEWAY_SECRET: is required to run the gateway on its own (every subgraph must get the same value)');
  }
  if (!gatewayEnv || !auth?.gatewaySecret || problems.length > 0) throw new ConfigError('gateway', problems);
  const jwksUrl = auth.jwksUrl ?? new URL('/.well-known/jwks.json', gatewayEnv.USERS_URL ?? DEFAULT_USERS_URL);
  return { env: gatewayEnv, auth, gatewaySecret: auth.gatewaySecret, jwksUrl };
}
