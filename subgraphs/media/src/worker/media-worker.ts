import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { startEventConsumer, type DocumentStore, type EventBus, type Logger, type Subscription } from '@skillgraph/platform';
import type { ServiceMetrics } from '@skillgraph/platform/src/observability';
import type { ObjectStorage } from '@skillgraph/platform/src/storage';
import type { MediaAssetRepository } from '../data/media-asset-repository';
import type { MediaAssetRecord } from '../data/records';
import { mediaEntered } from '../events/media-events';
import { createClamdScanner, ProcessingFailure, type VirusScanner } from '../processing';
import { openAssetLeases, WORKING_STATUSES, type StepName, type WorkerFields } from './asset-leases';
import type { WorkerConfig } from './config';
import { deadLetter, MEDIA_WORKER_GROUP } from './dead-letter';
import { createWorkerMetrics } from './metrics';
import { processStep, scanStep, type StepDeps } from './steps';

export interface MediaWorkerOptions {
  store: DocumentStore;
  assets: MediaAssetRepository;
  storage: ObjectStorage;
  bus: EventBus;
  config: WorkerConfig;
  logger: Logger;
  /** Overrides the scanner the configuration names (tests); null means none. */
  scanner?: VirusScanner | null;
  /** Attempts of the bus consumer itself (the intake), default 5. */
  consumerMaxAttempts?: number;
  /** The registry step durations, failures and queue depth are exported to (Prometheus); default none. */
  metrics?: ServiceMetrics;
}

export type MediaWorker = Awaited<ReturnType<typeof createMediaWorker>>;

class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
}

/**
 * The media worker: a member of consumer group `media-worker` on `media.events`. Each
 * MEDIA_UPLOADED asks for one asset to be taken through
 *   UPLOADED → SCANNING → CLEAN | INFECTED → PROCESSING → READY | FAILED
 * with every transition (and its event) written by the media repository.
 *
 * Who works on an asset is decided by a lease on the asset document, not by the bus: the intake
 * acknowledges an event as soon as a slot is free and the job started, so a long transcode never
 * holds a Kafka partition hostage. A worker that dies stops renewing its leases; every worker
 * sweeps for assets whose lease ran out (or that nobody claimed) and takes them over. Steps are
 * idempotent by asset and step: a step's result is written with its status change, so a retaken
 * asset resumes at the first step not done, and outputs go to deterministic keys.
 */
export async function createMediaWorker(options: MediaWorkerOptions) {
  const { config, bus, storage, assets } = options;
  const logger = options.logger.child({ component: 'media-worker' });
  const leases = await openAssetLeases(options.store);
  const workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const scanner: VirusScanner | null =
    options.scanner !== undefined ? options.scanner : config.scanner.kind === 'clamd' ? createClamdScanner(config.scanner) : null;
  if (!scanner) logger.warn({ why: config.scanner.kind === 'none' ? config.scanner.why : 'test' }, 'no virus scanner: assets get the verdict NOT_SCANNED');
  const stepDeps: StepDeps = { assets, storage, scanner, config, logger };
  const metrics = createWorkerMetrics({ service: options.metrics, queueDepth: () => leases.backlog() });

  const running = new Map<string, { abort: AbortController; job: Promise<void> }>();
  const waitingForSlot: (() => void)[] = [];
  const retryTimers = new Set<NodeJS.Timeout>();
  let stopping = false;
  let subscription: Subscription | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  let sweeping = false;

  /** Waits for a free slot, starts the job, and returns without waiting for it to finish. */
  async function submit(assetId: string, trigger?: WorkerFields['processingTrigger']): Promise<void> {
    while (running.size >= config.concurrency && !stopping) await new Promise<void>((resolve) => waitingForSlot.push(resolve));
    if (stopping || running.has(assetId)) return;
    const abort = new AbortController();
    const job = runAsset(assetId, abort.signal, trigger)
      .catch((error: unknown) => logger.error({ err: error, assetId }, 'media job crashed'))
      .finally(() => {
        running.delete(assetId);
        waitingForSlot.shift()?.();
      });
    running.set(assetId, { abort, job });
  }

  async function runAsset(assetId: string, signal: AbortSignal, trigger?: WorkerFields['processingTrigger']): Promise<void> {
    const claimed = await leases.claim(assetId, workerId, config.leaseMs, trigger);
    if (!claimed) return; // done, deleted, or another worker holds it
    if ((claimed.processingRuns ?? 0) > config.maxRuns) {
      await fail(assetId, 'Processing stopped unexpectedly too many times.', claimed.processingAttempts ?? 0);
      return;
    }
    const workDir = join(config.workDir, assetId);
    const lost = new AbortController();
    const combined = AbortSignal.any([signal, lost.signal]);
    const renewal = setInterval(
      () => {
        leases.renew(assetId, workerId, config.leaseMs).then(
          (held) => held || lost.abort(new LeaseLost(`lease on ${assetId} was taken over`)),
          (error: unknown) => logger.warn({ err: error, assetId }, 'lease renewal failed'),
        );
      },
      Math.max(100, Math.floor(config.leaseMs / 3)),
    );
    try {
      let asset: MediaAssetRecord | null = claimed;
      for (let turn = 0; asset && WORKING_STATUSES.includes(asset.status) && turn < 8; turn++) {
        combined.throwIfAborted();
        asset = (await advance(asset, workDir, combined)) ?? (await leases.findById(assetId));
      }
    } catch (error) {
      if (combined.aborted) logger.info({ assetId, reason: String(combined.reason) }, 'media job stopped; another worker resumes it');
      else await onFailure(assetId, error);
    } finally {
      clearInterval(renewal);
      await leases.release(assetId, workerId).catch(() => undefined);
      await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** One step forward; null when someone else changed the asset meanwhile (the caller re-reads). */
  async function advance(asset: MediaAssetRecord, workDir: string, signal: AbortSignal): Promise<MediaAssetRecord | null> {
    switch (asset.status) {
      case 'UPLOADED':
        return assets.transition(asset._id, ['UPLOADED'], 'SCANNING');
      case 'SCANNING':
        return timed('scan', asset, signal, () => scanStep(stepDeps, asset, workDir));
      case 'CLEAN':
        return assets.transition(asset._id, ['CLEAN'], 'PROCESSING', { progress: 0 });
      case 'PROCESSING':
        return timed('process', asset, signal, () => processStep(stepDeps, asset, workDir, signal));
      default:
        return asset;
    }
  }

  async function timed(
    step: StepName,
    asset: MediaAssetRecord,
    signal: AbortSignal,
    work: () => Promise<MediaAssetRecord | null>,
  ): Promise<MediaAssetRecord | null> {
    if (!(await leases.stepStarted(asset._id, workerId, step))) throw new LeaseLost(`lease on ${asset._id} lost before ${step}`);
    const started = performance.now();
    let result: MediaAssetRecord | null;
    try {
      result = await work();
    } catch (error) {
      // A step stopped on purpose (worker stopping, lease taken over) did not fail.
      if (!signal.aborted) metrics.stepFailed(step, asset.kind, error instanceof ProcessingFailure && error.permanent ? 'permanent' : 'transient');
      throw error;
    }
    const ms = Math.round(performance.now() - started);
    metrics.stepDone(step, asset.kind, ms);
    logger.info({ assetId: asset._id, step, kind: asset.kind, ms, status: result?.status }, 'media step done');
    return result;
  }

  async function onFailure(assetId: string, error: unknown): Promise<void> {
    const failure = error instanceof ProcessingFailure ? error : null;
    const current = await leases.findById(assetId);
    const attempts = (current?.processingAttempts ?? 0) + 1;
    logger.warn({ err: error, assetId, attempts, permanent: failure?.permanent ?? false }, 'media step failed');
    if (failure?.permanent || attempts >= config.maxAttempts) {
      await fail(assetId, failure?.publicReason ?? 'Processing failed.', attempts);
      return;
    }
    const delay = config.retryBackoffMs * 2 ** (attempts - 1);
    await leases.deferRetry(assetId, workerId, Date.now() + delay);
    metrics.retried(current?.kind ?? 'unknown');
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      void submit(assetId);
    }, delay);
    timer.unref();
    retryTimers.add(timer);
  }

  /** For good: the trigger is dead-lettered (at least once), then FAILED is written with its event. */
  async function fail(assetId: string, reason: string, attempts: number): Promise<void> {
    const current = await leases.findById(assetId);
    if (!current || !WORKING_STATUSES.includes(current.status)) return;
    metrics.failed(current.kind);
    await deadLetter(bus, assetId, current.processingTrigger, mediaEntered(current, 'FAILED', new Date(), reason), reason, attempts);
    await assets.transition(assetId, WORKING_STATUSES, 'FAILED', { failureReason: reason }, { reason, unset: ['progress'] });
    logger.warn({ assetId, reason, attempts }, 'media asset failed for good; event dead-lettered');
  }

  async function sweep(): Promise<void> {
    if (sweeping || stopping) return;
    sweeping = true;
    try {
      const free = config.concurrency - running.size;
      if (free <= 0) return;
      for (const asset of await leases.findAbandoned(config.leaseMs, free)) {
        if (running.has(asset._id)) continue;
        logger.info({ assetId: asset._id, status: asset.status }, 'taking over an abandoned media asset');
        await submit(asset._id);
      }
    } catch (error) {
      logger.warn({ err: error }, 'media sweep failed');
    } finally {
      sweeping = false;
    }
  }

  return {
    workerId,
    metrics,
    async start(): Promise<void> {
      subscription = await startEventConsumer({
        bus,
        groupId: MEDIA_WORKER_GROUP,
        fromBeginning: true,
        maxAttempts: options.consumerMaxAttempts,
        logger,
        handlers: {
          MEDIA_UPLOADED: (event, context) =>
            submit(event.asset_id, { event, topic: context.message.topic, partition: context.message.partition, offset: context.message.offset }),
        },
      });
      sweepTimer = setInterval(() => void sweep(), config.sweepIntervalMs);
      void sweep();
      logger.info({ workerId, concurrency: config.concurrency, scanner: scanner ? 'clamd' : 'none' }, 'media worker started');
    },
    /** Takes `assetId` through its remaining steps now (tests, reprocessing); resolves when done. */
    async runNow(assetId: string): Promise<void> {
      await submit(assetId);
      await running.get(assetId)?.job;
    },
    /** Assets waiting or in work (queue depth). */
    backlog: () => leases.backlog(),
    /** Stops taking work, stops the jobs in hand (their leases are released for others) and waits. */
    async stop(): Promise<void> {
      stopping = true;
      if (sweepTimer) clearInterval(sweepTimer);
      for (const timer of retryTimers) clearTimeout(timer);
      waitingForSlot.splice(0).forEach((resolve) => resolve());
      await subscription?.stop();
      for (const { abort } of running.values()) abort.abort(new Error('worker stopping'));
      await Promise.all([...running.values()].map(({ job }) => job));
    },
  };
}
