import type { Logger } from '@skillgraph/platform';
import type { StackSettings } from './config';
import { stackMailOptions } from './mail';
import { startStack, type Stack, type StackOptions, type StackStorage } from './start-stack';

/**
 * The stack `npm start` runs, from `loadStackSettings`: every service gets the settings its own
 * loader read. The stack itself decides only what one process must: the storage kind (files under
 * DATA_DIR, or MONGODB_URI), one port per service, and a gateway secret and key ring shared in memory.
 */
export function stackOptionsFromSettings(settings: StackSettings, logger: Logger): StackOptions {
  const config = settings.stack;
  const storage: StackStorage = config.MONGODB_URI ? { kind: 'mongo', uri: config.MONGODB_URI } : { kind: 'files', dataDir: config.DATA_DIR };
  return {
    storage,
    logger,
    supergraphPath: config.SUPERGRAPH_PATH,
    host: config.HOST,
    ports: {
      gateway: config.GATEWAY_PORT,
      users: config.USERS_PORT,
      courses: config.COURSES_PORT,
      assessments: config.ASSESSMENTS_PORT,
      media: config.MEDIA_PORT,
      notifications: config.NOTIFICATIONS_PORT,
    },
    seed: config.SEED,
    development: config.NODE_ENV !== 'production',
    auth: {
      issuer: settings.auth.issuer,
      audience: settings.auth.audience,
      accessTokenTtlSeconds: settings.auth.accessTokenTtlSeconds,
      refreshTokenTtlSeconds: settings.auth.refreshTokenTtlSeconds,
      clockToleranceSeconds: settings.auth.clockToleranceSeconds,
      privateKeysPem: settings.auth.privateKeysPem,
    },
    events: settings.events,
    mail: stackMailOptions(settings.mail),
    users: settings.users,
    certificates: settings.certificates,
    media: { settings: settings.media.settings },
    mediaStorage: settings.media.storage,
    ...(settings.media.publicUrl ? { mediaPublicUrl: settings.media.publicUrl } : {}),
    mediaWorker: settings.mediaWorker,
    edge: settings.gateway.edge,
    subgraphTimeoutMs: settings.gateway.subgraphTimeoutMs,
    ...(settings.gateway.webClientDir ? { webClientDir: settings.gateway.webClientDir } : {}),
  };
}

/** Starts the stack `npm start` starts, with `settings` from `loadStackSettings`. */
export const startConfiguredStack = (settings: StackSettings, logger: Logger): Promise<Stack> => startStack(stackOptionsFromSettings(settings, logger));
