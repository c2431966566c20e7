import { ConfigError, processEnv } from '@skillgraph/platform';
import { runMediaWorker } from './run-worker';

// The media worker alone: `npx tsx subgraphs/media/src/worker/index.ts` (docker-compose: media-worker).
let stop: (() => Promise<void>) | undefined;
let stopping = false;
const shutdown = (): void => {
  if (stopping) return;
  stopping = true;
  (stop?.() ?? Promise.resolve()).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

runMediaWorker(processEnv()).then(
  (running) => {
    stop = running.stop;
    if (stopping) void running.stop().then(() => process.exit(0));
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
