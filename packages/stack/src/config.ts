import path from 'node:path';
import { z } from 'zod';
import {
  ConfigError,
  configProblemCollector,
  env,
  loadAuthConfig,
  loadConfig,
  loadEventsConfig,
  type AuthConfig,
  type Env,
  type EventsConfig,
} from '@skillgraph/platform';
import { loadTracingConfig, type TracingConfig } from '@skillgraph/platform/src/observability';
import { loadMailConfig, type MailConfig } from '@skillgraph/platform/src/mail';
import { loadBucketCorsOrigins, loadStorageConfig, type StorageConfig } from '@skillgraph/platform/src/storage';
import { loadEdgeSettings, loadGatewayEnv, type EdgeSettings } from '@skillgraph/gateway/src/config';
import { loadUsersSettings, type UsersSettings } from '@skillgraph/users/src/config';
import { loadCertificateSettings, type CertificateSettings } from '@skillgraph/assessments/src/config';
import { loadMediaPublicUrl, loadMediaSettings, type MediaSettings } from '@skillgraph/media/src/config';
import { loadWorkerConfig, type WorkerConfig } from '@skillgraph/media/src/worker/config';

const stackEnvSchema = z
  .object({
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
    DATA_DIR: env.directory('./data'),
    MONGODB_URI: env.mongoUri(),
    // Unset: the demo dataset loads in development and test, never in production (see below).
    SEED: z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).optional(),
    GATEWAY_PORT: env.port(4000),
    USERS_PORT: env.port(4001),
    COURSES_PORT: env.port(4002),
    ASSESSMENTS_PORT: env.port(4003),
    MEDIA_PORT: env.port(4004),
    NOTIFICATIONS_PORT: env.port(4005),
    SUPERGRAPH_PATH: z
      .string()
      .min(1, 'must not be empty')
      .default(path.resolve(__dirname, '..', '..', '..', 'schema', 'supergraph.graphql'))
      .transform((file) => path.resolve(file)),
  })
  // The demo accounts have published passwords (one is an ADMIN): production never loads them.
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && (config.SEED === 'true' || config.SEED === '1')) {
      context.addIssue({
        code: 'custom',
        path: ['SEED'],
        message: 'the demo dataset (published passwords) is never loaded in production; remove SEED or set it to false',
      });
    }
  })
  .transform(({ SEED, ...config }) => ({ ...config, SEED: SEED === undefined ? config.NODE_ENV !== 'production' : SEED === 'true' || SEED === '1' }));

export type StackEnv = z.output<typeof stackEnvSchema>;

/** `npm start`'s settings; every bad value is reported at once and the process refuses to start. */
export const loadStackEnv = (source: Env): StackEnv => loadConfig('skillgraph', stackEnvSchema, source);

/** What `npm start` runs with: every service's settings, each read by that service's own loader. */
export interface StackSettings {
  stack: StackEnv;
  auth: AuthConfig;
  events: EventsConfig;
  mail: MailConfig;
  users: UsersSettings;
  certificates: CertificateSettings;
  media: {
    settings: MediaSettings;
    storage: StorageConfig;
    /** MEDIA_PUBLIC_URL when set; otherwise the stack's gateway origin, known once it listens. */
    publicUrl: string | null;
  };
  mediaWorker: WorkerConfig;
  gateway: { edge: EdgeSettings; subgraphTimeoutMs: number; webClientDir: string | undefined };
  tracing: TracingConfig;
}

const isSet = (source: Env, name: string): boolean => source[name] !== undefined && source[name] !== '';

/**
 * Reads `source` through every service's own loader, as each service started on its own would,
 * and throws one ConfigError listing every bad variable of every service before anything starts.
 * Settings only a service started on its own uses (PORT, the gateway's subgraph URLs, JWKS_URL,
 * MEDIA_CORS_ORIGINS) are validated too, so a bad value never waits for the day it is used.
 */
export function loadStackSettings(source: Env): StackSettings {
  const { problems, attempt } = configProblemCollector();
  const stack = attempt(() => loadStackEnv(source));
  const auth = attempt(() => loadAuthConfig(source, 'skillgraph'));
  const events = attempt(() => loadEventsConfig(source, 'skillgraph'));
  // The stack shares a generated token key with itself, so MAIL_TOKEN_KEY is optional here.
  const mail = attempt(() => loadMailConfig(source, 'skillgraph', { keyShared: false }));
  const users = attempt(() => loadUsersSettings(source));
  const certificates = attempt(() => loadCertificateSettings(source));
  const mediaSettings = attempt(() => loadMediaSettings(source));
  const storage = attempt(() => loadStorageConfig(source, 'skillgraph'));
  const mediaPublicUrl = attempt(() => loadMediaPublicUrl(source));
  // The in-process media worker: clamd settings, and production's refusal to run without a scanner.
  const mediaWorker = attempt(() => loadWorkerConfig(source));
  const edge = attempt(() => loadEdgeSettings(source));
  const gateway = attempt(() => loadGatewayEnv(source));
  const tracing = attempt(() => loadTracingConfig(source, 'skillgraph'));
  if (isSet(source, 'MEDIA_CORS_ORIGINS')) attempt(() => loadBucketCorsOrigins(source));
  if (
    !stack ||
    !auth ||
    !events ||
    !mail ||
    !users ||
    !certificates ||
    !mediaSettings ||
    !storage ||
    !mediaPublicUrl ||
    !mediaWorker ||
    !edge ||
    !gateway ||
    !tracing ||
    problems.length > 0
  )
    throw new ConfigError('skillgraph', [...new Set(problems)]);
  return {
    stack,
    auth,
    events,
    mail,
    users,
    certificates,
    media: { settings: mediaSettings, storage, publicUrl: isSet(source, 'MEDIA_PUBLIC_URL') ? mediaPublicUrl : null },
    mediaWorker,
    gateway: { edge, subgraphTimeoutMs: gateway.SUBGRAPH_TIMEOUT_MS, webClientDir: gateway.WEB_CLIENT_DIR },
    tracing,
  };
}
