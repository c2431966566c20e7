import { ConfigError, configProblemCollector, createLogger, loadAuthConfig, loadEventsConfig, processEnv } from '@skillgraph/platform';
import { loadMailConfig } from '@skillgraph/platform/src/mail';
import { loadStackEnv, stackMailOptions, startStack, type StackStorage } from '@skillgraph/stack';

// `npm start`: the whole system in one process, embedded storage under DATA_DIR by default.
/** Runs every loader so one message lists every bad variable, whichever settings group it is in. */
function loadSettings() {
  const env = processEnv();
  const { problems, attempt } = configProblemCollector();
  const stack = attempt(() => loadStackEnv(env));
  const auth = attempt(() => loadAuthConfig(env, 'skillgraph'));
  const events = attempt(() => loadEventsConfig(env, 'skillgraph'));
  const mail = attempt(() => loadMailConfig(env, 'skillgraph', { keyShared: false }));
  if (!stack || !auth || !events || !mail) throw new ConfigError('skillgraph', [...new Set(problems)]);
  return { stack, auth, events, mail };
}

async function main(): Promise<void> {
  const settings = loadSettings();
  const config = settings.stack;
  const logger = createLogger({ service: 'skillgraph', level: config.LOG_LEVEL });
  const storage: StackStorage = config.MONGODB_URI ? { kind: 'mongo', uri: config.MONGODB_URI } : { kind: 'files', dataDir: config.DATA_DIR };
  const stack = await startStack({
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
    // The one-process stack generates its own gateway secret and verifies with its own key ring.
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
    development: config.NODE_ENV !== 'production',
  });
  const where = storage.kind === 'files' ? `data in ${storage.dataDir}` : 'data in MongoDB';
  console.log(`\nSkillGraph is ready at ${stack.gatewayUrl.replace('127.0.0.1', 'localhost')} (${where}${stack.seeded ? ', demo data loaded' : ''})\n`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
