import type http from 'node:http';
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
import { createHttpServer, loadHttpServerTimeouts, type HttpServerTimeouts } from '@skillgraph/platform/src/http/server';
import { ServiceMetrics } from '@skillgraph/platform/src/observability';
import { loadStorageConfig, openMediaStorage } from '@skillgraph/platform/src/storage';
import { openMediaAssetRepository } from '../data/media-asset-repository';
import { loadWorkerConfig } from './config';
import { createMediaWorker } from './media-worker';

/**
 * The media worker as its own process (docker-compose service `media-worker`, scalable; embedded
 * mode runs it inside `npm start` instead). Opens the media documents, the bus and the object
 * storage the configuration names, relays the events its transitions stage, and stops gracefully.
 * With MEDIA_WORKER_METRICS_PORT set it serves its Prometheus metrics on `GET /metrics` there.
 */
export async function runMediaWorker(env: Env): Promise<{ stop(): Promise<void>; metricsUrl: string | null }> {
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
  const metrics = new ServiceMetrics('media-worker');
  const mediaWorker = await createMediaWorker({
    store,
    assets,
    storage,
    bus,
    config: worker,
    logger,
    consumerMaxAttempts: events.consumerMaxAttempts,
    metrics,
  });
  const metricsServer = worker.metricsPort === null ? null : await serveMetrics(metrics, worker.metricsPort, loadHttpServerTimeouts('media-worker', env));
  if (metricsServer) logger.info({ port: worker.metricsPort }, 'media worker metrics on /metrics');
  await mediaWorker.start();
  return {
    metricsUrl: worker.metricsPort === null ? null : `http://127.0.0.1:${worker.metricsPort}/metrics`,
    async stop() {
      if (metricsServer) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      await mediaWorker.stop();
      await relay.stop();
      await bus.close();
      await store.close();
    },
  };
}

/** `GET /metrics` in Prometheus text format on every interface (the port is internal; nothing else is served). */
async function serveMetrics(metrics: ServiceMetrics, port: number, timeouts: HttpServerTimeouts): Promise<http.Server> {
  const server = createHttpServer(timeouts, (req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return server;
}
