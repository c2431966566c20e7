import { ConfigError, createLogger, processEnv } from '@skillgraph/platform';
import { loadStackEnv, startStack, type StackStorage } from '@skillgraph/stack';

// `npm start`: the whole system in one process, embedded storage under DATA_DIR by default.
async function main(): Promise<void> {
  const config = loadStackEnv(processEnv());
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
    },
    seed: config.SEED,
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
