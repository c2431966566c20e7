import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { ConfigError, createLogger, processEnv } from '@skillgraph/platform';
import { startTracing, traceStoreQueries } from '@skillgraph/platform/src/observability';
import { loadStackSettings, startConfiguredStack } from '@skillgraph/stack';

// `npm start`: the whole system in one process, embedded storage under DATA_DIR by default.
//
// The system runs in a worker thread; the main thread only supervises. `npm start` runs this file
// under the tsx CLI, which relays SIGTERM/SIGINT to us and SIGKILLs us unless our main thread
// acknowledges the signal within 30 ms. A main thread busy serving load can miss that window (in-
// flight requests were reset, exit 143); an idle supervisor never does. The worker then drains:
// in-flight requests complete, and the process exits 0.
async function main(): Promise<void> {
  // Every service's settings, read by its own loader; one message lists every bad variable.
  const settings = loadStackSettings(processEnv());
  const logger = createLogger({ service: 'skillgraph', level: settings.stack.LOG_LEVEL });
  const tracing = startTracing(settings.tracing);
  const stack = await startConfiguredStack(settings, logger);
  const where = settings.stack.MONGODB_URI ? 'data in MongoDB' : `data in ${settings.stack.DATA_DIR}`;
  if (settings.tracing.enabled) for (const store of Object.values(stack.stores)) traceStoreQueries(store);
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
