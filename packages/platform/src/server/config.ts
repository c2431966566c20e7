import { z } from 'zod';
import { loadAuthConfig, type AuthConfig } from '../auth/config';
import { configProblemCollector, env, loadConfig, platformEnvSchema, processEnv, type Env } from '../config';
import { ConfigError } from '../errors';
import { loadEventsConfig, type EventsConfig } from '../events/config';

/**
 * Settings of one subgraph running as its own process (distributed mode), with defaults:
 * - PORT (the subgraph's own, 4001-4004), HOST (`127.0.0.1`; containers set `0.0.0.0`);
 * - NODE_ENV, LOG_LEVEL, DATA_DIR (`./data`; this subgraph uses `<DATA_DIR>/<name>`), MONGODB_URI;
 * - the event settings of `loadEventsConfig` (KAFKA_BROKERS, EVENTS_*);
 * - the identity settings of `loadAuthConfig`, where GATEWAY_SECRET is always required (a subgraph
 *   on its own cannot share a generated one with its gateway) and JWKS_URL is required in
 *   production for every subgraph but the issuer (default `http://127.0.0.1:4001/.well-known/jwks.json`).
 */
const processEnvSchema = (defaultPort: number) =>
  platformEnvSchema.extend({
    PORT: env.port(defaultPort),
    HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  });

export const DEFAULT_JWKS_URL = 'http://127.0.0.1:4001/.well-known/jwks.json';

export interface SubgraphProcessConfig {
  name: string;
  nodeEnv: AuthConfig['nodeEnv'];
  logLevel: string;
  port: number;
  host: string;
  dataDir: string;
  mongoUri?: string;
  auth: AuthConfig;
  /** KAFKA_BROKERS selects Kafka; otherwise the embedded bus under `<DATA_DIR>/events`. */
  events: EventsConfig;
  gatewaySecret: string;
  /** Where to fetch the public keys; null for the issuer, which verifies with its own ring. */
  jwksUrl: URL | null;
}

export interface LoadSubgraphConfigOptions {
  name: string;
  defaultPort: number;
  /** True for the users subgraph: it holds the keys, so it needs no JWKS_URL. */
  issuer: boolean;
  /** The subgraph's own settings loaders, run here so their problems join the one message. */
  settings?: ((source: Env) => unknown)[];
}

/** Reads every setting, or throws one ConfigError listing every problem across all of them. */
export function loadSubgraphProcessConfig(
  { name, defaultPort, issuer, settings = [] }: LoadSubgraphConfigOptions,
  source: Env = processEnv(),
): SubgraphProcessConfig {
  const { problems, attempt } = configProblemCollector();
  const base = attempt(() => loadConfig(name, processEnvSchema(defaultPort), source));
  const auth = attempt(() => loadAuthConfig(source, name));
  const events = attempt(() => loadEventsConfig(source, name));
  for (const load of settings) attempt(() => load(source));
  if (auth && auth.gatewaySecret === undefined && auth.nodeEnv !== 'production') {
    problems.push('GATEWAY_SECRET: is required to run a subgraph on its own (the gateway must send the same value)');
  }
  if (auth && !issuer && auth.jwksUrl === undefined && auth.nodeEnv === 'production') {
    problems.push('JWKS_URL: is required when NODE_ENV=production (the users subgraph serves it at /.well-known/jwks.json)');
  }
  // The embedded event log has one writer per folder: separate service processes would corrupt it.
  if (events && events.mode === 'embedded' && source.NODE_ENV === 'production') {
    problems.push('KAFKA_BROKERS: is required when NODE_ENV=production (the embedded event bus serves one process only)');
  }
  if (!base || !auth || !events || !auth.gatewaySecret || problems.length > 0) throw new ConfigError(name, [...new Set(problems)]);
  return {
    name,
    nodeEnv: base.NODE_ENV,
    logLevel: base.LOG_LEVEL,
    port: base.PORT,
    host: base.HOST,
    dataDir: base.DATA_DIR,
    ...(base.MONGODB_URI ? { mongoUri: base.MONGODB_URI } : {}),
    auth,
    events,
    gatewaySecret: auth.gatewaySecret,
    jwksUrl: issuer ? null : (auth.jwksUrl ?? new URL(DEFAULT_JWKS_URL)),
  };
}
