import { mkdtemp, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLogger,
  createOutboxRelay,
  loadEventsConfig,
  newId,
  openDocumentStore,
  openEventBus,
  type DeliveredMessage,
  type DocumentStore,
  type EventBus,
  type OutboxRelay,
} from '@skillgraph/platform';
import { loadStorageConfig, openMediaStorage, type ObjectStorage } from '@skillgraph/platform/src/storage';
import { openMediaAssetRepository, type MediaAssetRepository } from '../../../src/data/media-asset-repository';
import type { MediaAssetRecord, MediaKind } from '../../../src/data/records';
import { mediaEntered } from '../../../src/events/media-events';
import type { VirusScanner } from '../../../src/processing';
import { openAssetLeases, type WorkedAsset } from '../../../src/worker/asset-leases';
import { loadWorkerConfig, type WorkerConfig } from '../../../src/worker/config';
import { createMediaWorker, type MediaWorker } from '../../../src/worker/media-worker';

/**
 * The media worker's surroundings, real and in one process: an in-memory document store, the
 * embedded bus (or a given one, e.g. Kafka), embedded object storage in a temporary folder, and
 * the media subgraph's outbox relay. "Uploading" stores the bytes and inserts the asset with its
 * MEDIA_UPLOADED event, as the media subgraph does when an upload completes.
 */
export interface WorkerHarness {
  dir: string;
  store: DocumentStore;
  bus: EventBus;
  storage: ObjectStorage;
  assets: MediaAssetRepository;
  relay: OutboxRelay;
  startWorker(overrides?: Partial<WorkerConfig>, scanner?: VirusScanner | null): Promise<MediaWorker>;
  upload(file: string, kind: MediaKind, contentType: string): Promise<MediaAssetRecord>;
  find(id: string): Promise<WorkedAsset | null>;
  waitFor(ids: string[], done: (asset: WorkedAsset) => boolean, timeoutMs?: number): Promise<WorkedAsset[]>;
  /** Messages on `topic` from the beginning (a throwaway group), once `until` holds for them. */
  messages(topic: string, until: (received: DeliveredMessage[]) => boolean): Promise<DeliveredMessage[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Another bus (Kafka); default the embedded bus under the temporary folder. */
  openBus?: () => Promise<EventBus>;
}

export async function openWorkerHarness(options: HarnessOptions = {}): Promise<WorkerHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'media-worker-'));
  const logger = createLogger({ service: 'media-worker-test', level: 'error' });
  const store = await openDocumentStore({ inMemory: true });
  const bus = options.openBus
    ? await options.openBus()
    : await openEventBus(loadEventsConfig({ DATA_DIR: dir, EVENTS_FSYNC: 'false' }, 'media-test'), { logger });
  const { storage } = await openMediaStorage(loadStorageConfig({ DATA_DIR: dir }), () => 'http://127.0.0.1');
  const assets = await openMediaAssetRepository(store);
  const leases = await openAssetLeases(store);
  const relay = createOutboxRelay({ bus, sources: [assets.outboxSource], logger, pollIntervalMs: 50 });
  relay.start();
  const workers: MediaWorker[] = [];

  return {
    dir,
    store,
    bus,
    storage,
    assets,
    relay,
    async startWorker(overrides = {}, scanner = null) {
      const config = {
        ...loadWorkerConfig({ DATA_DIR: dir, MEDIA_WORKER_LEASE_MS: '2000', MEDIA_WORKER_SWEEP_MS: '200', MEDIA_WORKER_RETRY_BACKOFF_MS: '100' }),
        ...overrides,
      };
      const worker = await createMediaWorker({ store, assets, storage, bus, config, logger, scanner, consumerMaxAttempts: 3 });
      await worker.start();
      workers.push(worker);
      return worker;
    },
    async upload(file, kind, contentType) {
      const id = newId();
      const blobKey = `blobs/${id}`;
      const stored = await storage.put(blobKey, createReadStream(file), { contentType });
      const now = new Date();
      const asset: MediaAssetRecord = {
        _id: id,
        kind,
        filename: file.split('/').pop() ?? 'file',
        contentType,
        size: stored.size,
        status: 'UPLOADED',
        ownerId: newId(),
        createdAt: now,
        updatedAt: now,
        blobKey,
        derivedPrefix: `assets/${id}`,
      };
      const inserted = await assets.insert(asset, [mediaEntered(asset, 'UPLOADED', now)]);
      relay.notify();
      return inserted;
    },
    find: (id) => leases.findById(id),
    async waitFor(ids, done, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = await Promise.all(ids.map((id) => leases.findById(id)));
        if (found.every((asset) => asset && done(asset))) return found as WorkedAsset[];
        if (Date.now() > deadline) throw new Error(`timed out; statuses: ${found.map((asset) => `${asset?._id}=${asset?.status}`).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async messages(topic, until) {
      relay.notify();
      const received: DeliveredMessage[] = [];
      const subscription = await bus.subscribe({
        groupId: `reader-${newId()}`,
        topics: [topic],
        fromBeginning: true,
        handler: async (message) => void received.push(message),
      });
      try {
        const deadline = Date.now() + 20_000;
        while (!until(received)) {
          if (Date.now() > deadline)
            throw new Error(`timed out reading ${topic}; got ${received.map((m) => (m.value as { event_type: string }).event_type).join(', ')}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await subscription.stop();
      }
      return received;
    },
    async close() {
      for (const worker of workers) await worker.stop();
      await relay.stop();
      await bus.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The event types on `media.events` for one asset, in order. */
export function lifecycleOf(messages: DeliveredMessage[], assetId: string): string[] {
  return messages
    .map((message) => message.value as { event_type: string; asset_id: string })
    .filter((event) => event.asset_id === assetId)
    .map((event) => event.event_type);
}
