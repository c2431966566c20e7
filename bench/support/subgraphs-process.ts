/**
 * The five subgraphs in one process of their own, for the edge bench's production topology (the
 * gateway runs in another process, as in docker-compose). Prints one line
 * `SUBGRAPHS {"subgraphUrls":…,"gatewaySecret":…}` once serving; stops on SIGTERM.
 *
 * `startStack` always starts its own gateway as well; it stays idle here (nothing calls it).
 */
import path from 'node:path';
import { createLogger } from '@skillgraph/platform';
import { startStack } from '@skillgraph/stack';

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR;
  if (!dataDir) throw new Error('DATA_DIR is required');
  const stack = await startStack({
    storage: { kind: 'files', dataDir },
    logger: createLogger({ service: 'bench-subgraphs', level: 'warn' }),
    supergraphPath: path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'),
    seed: true,
    mediaWorker: false,
  });
  console.log(`SUBGRAPHS ${JSON.stringify({ subgraphUrls: stack.subgraphUrls, gatewaySecret: stack.gatewaySecret })}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
