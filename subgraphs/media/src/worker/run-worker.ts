import path from 'node:path';
import {
  configProblemCollector,
  ConfigError,
  createLogger,
  createOutboxRelay,
  loadConfig,
  loadEventsConfig,
  openDocumentStore,
  openEventBus,
  platformEnvSchema,
  type Env,
} from '@skillgraph/platform';
import { loadStorageConfig, openMediaStorage } from '@skillgraph/platform/src/storage';
import { openMediaAssetRepository } from '../data/media-asset-repository';
import { loadWorkerConfig } from './config';
import { createMediaWorker } from './media-worker';

/**
 * The media worker as its own process (docker-compose service `media-worker`, scalable; embedded
 * mode runs it inside `npm start` instead). Opens the media documents, the bus and the object
 * storage the configuration names, relays the events its transitions stage, and stops gracefully.
 */
export async function runMediaWorker(env: Env): Promise<{ stop(): Promise<void> }> {
  const collect = configProblemCollector();
  const platform = collect.attempt(() => loadConfig('media-worker', platformEnvSchema, env));
  const worker = collect.attempt(() => loadWorkerConfig(env));
  const events = collect.attempt(() => loadEventsConfig(env, 'media-worker'));
  const storageConfig = collect.attempt(() => loadStorageConfig(env, 'media-worker'));
  if (!platform || !worker || !events || !storageConfig || collect.problems.length) throw new ConfigError('media-worker', collect.problems);

  const logger = createLogger({ service: 'media-worker', level: platform.LOG_LEVEL });
  const store = await openDocumentStore(
    platform.MONGODB_URI ? { mongoUri: platform.MONGODB_URI, mongoDbName: 'skillgraph_media' } : { directory: path.join(platform.DATA_DIR, 'media') },
  );
  const bus = await openEventBus(events, { logger });
  // URLs are not signed here; the base URL only matters to the subgraph that hands them out.
  const { storage } = await openMediaStorage(storageConfig, () => 'http://127.0.0.1');
  const assets = await openMediaAssetRepository(store);
  const relay = createOutboxRelay({ bus, sources: [assets.outboxSource], logger, ...events.relay });
  relay.start();
  const mediaWorker = await createMediaWorker({ store, assets, storage, bus, config: worker, logger, consumerMaxAttempts: events.consumerMaxAttempts });
  await mediaWorker.start();
  return {
    async stop() {
      await mediaWorker.stop();
      await relay.stop();
      await bus.close();
      await store.close();
    },
  };
}
