import path from 'node:path';
import { createAccessTokenVerifier } from '../auth/tokens';
import { localKeySource, remoteKeySource, type VerificationKeySource } from '../auth/key-sources';
import { openKeyRing, type KeyRing } from '../auth/keys';
import { openDocumentStore } from '../documents/open-store';
import type { DocumentStore } from '../documents/port';
import { ConfigError } from '../errors';
import type { EventBus } from '../events/bus';
import { openEventBus } from '../events/open-bus';
import { createLogger } from '../logger';
import { groupsOfService, observeEventBus } from '../observability/bus';
import type { ServiceMetrics } from '../observability/metrics';
import type { Env } from '../config';
import { loadSubgraphProcessConfig, type SubgraphProcessConfig } from './config';
import type { SubgraphRuntime } from './runtime';
import type { RunningServer } from './subgraph-server';
import { createSubgraphTrust } from './subgraph-trust';

export interface SubgraphProcess {
  config: SubgraphProcessConfig;
  /** The signing keys, for the issuer only (`{ issuer: true }`); null for every other subgraph. */
  keyRing: KeyRing | null;
}

export type BuildSubgraph = (
  runtime: SubgraphRuntime,
  process: SubgraphProcess,
) => Promise<{ listen(port: number, host?: string): Promise<RunningServer>; metrics?: ServiceMetrics }>;

export interface RunSubgraphOptions {
  /** The users subgraph: opens the key ring (JWT_PRIVATE_KEYS, or generated under DATA_DIR outside production) and verifies with it. */
  issuer?: boolean;
  /**
   * The subgraph's own settings loaders (media limits, certificate links, mail...): run with the
   * common ones before anything opens, so one message lists every bad variable. `build` reads its
   * settings with the same loaders.
   */
  settings?: ((source: Env) => unknown)[];
}

/**
 * `subgraphs/<name>/src/index.ts`: runs one subgraph as its own process (distributed mode).
 * Reads the environment, opens the store, wires the gateway trust, listens, and stops gracefully
 * on SIGINT/SIGTERM. A bad configuration prints every problem and exits with status 1.
 */
export async function runSubgraph(name: string, build: BuildSubgraph, defaultPort: number, options: RunSubgraphOptions = {}): Promise<void> {
  const issuer = options.issuer ?? false;
  let store: DocumentStore | undefined;
  let bus: EventBus | undefined;
  let running: RunningServer | undefined;
  // Handled from the first moment: a SIGTERM while starting must stop what started, not kill the process.
  stopOnSignals(async () => {
    await running?.stop();
    await bus?.close();
    await store?.close();
  });
  try {
    const config = loadSubgraphProcessConfig({ name, defaultPort, issuer, ...(options.settings ? { settings: options.settings } : {}) });
    const logger = createLogger({ service: name, level: config.logLevel });
    const dataDir = path.join(config.dataDir, name);
    store = await openDocumentStore(config.mongoUri ? { mongoUri: config.mongoUri } : { directory: dataDir });
    const keyRing = issuer ? await openKeyRing({ privateKeysPem: config.auth.privateKeysPem, dataDir, nodeEnv: config.nodeEnv }) : null;
    const verifier = createAccessTokenVerifier({
      keys: keySource(keyRing, config),
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      clockToleranceSeconds: config.auth.clockToleranceSeconds,
    });
    const trust = createSubgraphTrust({ gatewaySecret: config.gatewaySecret, verifier, logger });
    bus = await openEventBus(config.events, { logger });
    const events = { bus, relay: config.events.relay, consumerMaxAttempts: config.events.consumerMaxAttempts };
    const server = await build({ store, logger, events, ...trust }, { config, keyRing });
    if (server.metrics) observeEventBus(server.metrics, bus, { groups: groupsOfService(name) });
    running = await server.listen(config.port, config.host);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    await bus?.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
    process.exit(1);
  }
}

// The issuer reads its own ring (rotations apply at once); everyone else fetches the issuer's JWKS.
function keySource(keyRing: KeyRing | null, config: SubgraphProcessConfig): VerificationKeySource {
  if (keyRing) return localKeySource(keyRing);
  if (!config.jwksUrl) throw new Error(`${config.name}: no key ring and no JWKS_URL to verify tokens with`);
  return remoteKeySource(config.jwksUrl);
}

function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
