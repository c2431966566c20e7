import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { ConfigError, configProblemCollector, createLogger, loadAuthConfig, loadEventsConfig, processEnv } from '@skillgraph/platform';
import { loadTracingConfig, startTracing, traceStoreQueries } from '@skillgraph/platform/src/observability';
import { loadEdgeSettings, loadWebClientDir } from '@skillgraph/gateway/src/config';
import { loadMailConfig } from '@skillgraph/platform/src/mail';
import { loadWorkerConfig } from '@skillgraph/media/src/worker/config';
import { loadStackEnv, stackMailOptions, startStack, type StackStorage } from '@skillgraph/stack';

// `npm start`: the whole system in one process, embedded storage under DATA_DIR by default.
//
// The system runs in a worker thread; the main thread only supervises. `npm start` runs this file
// under the tsx CLI, which relays SIGTERM/SIGINT to us and SIGKILLs us unless our main thread
// acknowledges the signal within 30 ms. A main thread busy serving load can miss that window (in-
// flight requests were reset, exit 143); an idle supervisor never does. The worker then drains:
// in-flight requests complete, and the process exits 0.
/** Runs every loader so one message lists every bad variable, whichever settings group it is in. */
function loadSettings() {
  const env = processEnv();
  const { problems, attempt } = configProblemCollector();
  const stack = attempt(() => loadStackEnv(env));
  const auth = attempt(() => loadAuthConfig(env, 'skillgraph'));
  const events = attempt(() => loadEventsConfig(env, 'skillgraph'));
  const mail = attempt(() => loadMailConfig(env, 'skillgraph', { keyShared: false }));
  // The in-process media worker: clamd settings, and production's refusal to run without a scanner.
  const mediaWorker = attempt(() => loadWorkerConfig(env));
  // The gateway inside the stack reads these itself; loaded here so bad values are reported with the rest.
  const edge = attempt(() => loadEdgeSettings(env));
  const webClientDir = attempt(() => ({ dir: loadWebClientDir(env) }));
  if (!stack || !auth || !events || !mail || !edge || !mediaWorker || !webClientDir) throw new ConfigError('skillgraph', [...new Set(problems)]);
  return { stack, auth, events, mail, mediaWorker, webClientDir: webClientDir.dir };
}

async function main(): Promise<void> {
  const settings = loadSettings();
  const config = settings.stack;
  const logger = createLogger({ service: 'skillgraph', level: config.LOG_LEVEL });
  const tracingConfig = loadTracingConfig(processEnv(), 'skillgraph');
  const tracing = startTracing(tracingConfig);
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
    mediaWorker: settings.mediaWorker,
    ...(settings.webClientDir ? { webClientDir: settings.webClientDir } : {}),
    development: config.NODE_ENV !== 'production',
  });
  if (tracingConfig.enabled) for (const store of Object.values(stack.stores)) traceStoreQueries(store);
  const where = storage.kind === 'files' ? `data in ${storage.dataDir}` : 'data in MongoDB';
  // The origin printed is the one signed media and upload URLs name (a page opened under another
  // name of this host is redirected to it).
  console.log(
    `\nSkillGraph is ready at ${stack.gatewayUrl} (${where}${stack.seeded ? ', demo data loaded' : ''}); web client at ${new URL('/', stack.gatewayUrl).href}\n`,
  );

  let stopping = false;
  parentPort?.on('message', (message: { stop?: string }) => {
    if (!message.stop || stopping) return;
    stopping = true;
    logger.info({ signal: message.stop }, 'shutting down');
    stack
      .stop()
      .then(() => tracing.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  });
}

/** Main thread: runs the worker, turns SIGTERM/SIGINT into a drain request, exits with the worker's code. */
function supervise(): void {
  // Workers do not inherit tsx's --import loader: register its CommonJS hook, then load this file.
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(__filename)});`;
  const worker = new Worker(boot, { eval: true, execArgv: [] });
  const drain = (signal: NodeJS.Signals): void => worker.postMessage({ stop: signal });
  process.on('SIGINT', drain);
  process.on('SIGTERM', drain);
  worker.on('error', (error) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  });
  worker.on('exit', (code) => process.exit(process.exitCode ?? code));
}

if (isMainThread) {
  supervise();
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
