// Platform modules by path, not the package index: the index loads every adapter (stores, buses,
// mail, media storage), tens of MB the gateway never uses.
import { createAccessTokenVerifier } from '@skillgraph/platform/src/auth/tokens';
import { remoteKeySource } from '@skillgraph/platform/src/auth/key-sources';
import { processEnv } from '@skillgraph/platform/src/config';
import { ConfigError } from '@skillgraph/platform/src/errors';
import { createLogger } from '@skillgraph/platform/src/logger';
import { startTracing } from '@skillgraph/platform/src/observability';
import { loadGatewayConfig, subgraphUrlOverrides } from './config';
import { createGatewayIdentity, createGatewayServer } from './server';

// The gateway as its own process (distributed mode); `npm start` runs it inside packages/stack instead.
async function main(): Promise<void> {
  const config = loadGatewayConfig(processEnv());
  const logger = createLogger({ service: 'gateway', level: config.env.LOG_LEVEL });
  const tracing = startTracing(config.tracing);
  const verifier = createAccessTokenVerifier({
    keys: remoteKeySource(config.jwksUrl),
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    clockToleranceSeconds: config.auth.clockToleranceSeconds,
  });
  const gateway = createGatewayServer({
    supergraphPath: config.env.SUPERGRAPH_PATH,
    subgraphUrls: subgraphUrlOverrides(config.env),
    logger,
    development: config.env.NODE_ENV !== 'production',
    subgraphTimeoutMs: config.env.SUBGRAPH_TIMEOUT_MS,
    edge: config.edge,
    webClientDir: config.env.WEB_CLIENT_DIR,
    ...createGatewayIdentity({ verifier, gatewaySecret: config.gatewaySecret, logger }),
  });
  const running = await gateway.listen(config.env.PORT, config.env.HOST);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    running
      .stop()
      .then(() => tracing.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
