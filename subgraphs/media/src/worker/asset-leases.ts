import type { AnyEvent, Collection, DocumentStore, Filter, Update } from '@skillgraph/platform';
import { stripEventFields } from '@skillgraph/platform';
import { MEDIA_ASSETS_COLLECTION } from '../data/media-asset-repository';
import type { MediaAssetRecord, MediaStatus } from '../data/records';

/**
 * The worker's own bookkeeping on the asset document (fields nobody else writes). Status changes
 * go through the media repository's `transition`; this module only decides WHO works on an asset:
 * a lease with an owner and an expiry, renewed while the work goes on. A worker that dies stops
 * renewing, its lease runs out, and any worker's sweep takes the asset over.
 */
export interface WorkerFields {
  processingLease?: { owner: string; until: number };
  /** Claims so far (a crash mid-step shows up here, never in `processingAttempts`). */
  processingRuns?: number;
  /** Failed attempts (transient failures) so far. */
  processingAttempts?: number;
  /** A retry is due at this time (ms); sweeps leave the asset alone until then. */
  processingRetryAt?: number;
  /** How many times each step's work began: the evidence that no step runs twice. */
  processingSteps?: Partial<Record<StepName, number>>;
  /** The MEDIA_UPLOADED event that asked for the work, dead-lettered if it fails for good. */
  processingTrigger?: { event: AnyEvent; topic: string; partition: number; offset: string };
}

export type StepName = 'scan' | 'process';
export type WorkedAsset = MediaAssetRecord & WorkerFields;

/** States in which the worker still has something to do. */
export const WORKING_STATUSES: readonly MediaStatus[] = ['UPLOADED', 'SCANNING', 'CLEAN', 'PROCESSING'];
const LIVE: Filter = { deletedAt: { $exists: false } };

export type AssetLeases = Awaited<ReturnType<typeof openAssetLeases>>;

export async function openAssetLeases(store: DocumentStore) {
  const assets = await store.collection<WorkedAsset>(MEDIA_ASSETS_COLLECTION);
  const plain = (asset: WorkedAsset | null) => asset && (stripEventFields(asset) as WorkedAsset);

  return {
    findById: async (id: string) => plain(await assets.findOne({ _id: id })),

    /**
     * Takes the asset for `owner` until `now + leaseMs` when it still needs work and nobody else
     * holds a live lease. Null: done, deleted, or someone else is on it.
     */
    claim: async (id: string, owner: string, leaseMs: number, trigger?: WorkerFields['processingTrigger']) => {
      const now = Date.now();
      const free: Filter = { $or: [{ processingLease: { $exists: false } }, { 'processingLease.until': { $lt: now } }, { 'processingLease.owner': owner }] };
      const set: Record<string, unknown> = { processingLease: { owner, until: now + leaseMs } };
      if (trigger) set.processingTrigger = trigger;
      const update: Update = { $set: set, $inc: { processingRuns: 1 } };
      return plain(await assets.updateOne({ _id: id, status: { $in: [...WORKING_STATUSES] }, ...LIVE, ...free }, update));
    },

    /** Extends a lease this owner holds; false when it was lost (expired and taken over). */
    renew: async (id: string, owner: string, leaseMs: number) =>
      (await assets.updateOne({ _id: id, 'processingLease.owner': owner }, { $set: { 'processingLease.until': Date.now() + leaseMs } })) !== null,

    release: async (id: string, owner: string) => {
      await assets.updateOne({ _id: id, 'processingLease.owner': owner }, { $unset: { processingLease: true } });
    },

    /** Records that a step's work begins (counted, so tests and metrics can see repeats). */
    stepStarted: async (id: string, owner: string, step: StepName) =>
      (await assets.updateOne({ _id: id, 'processingLease.owner': owner }, { $inc: { [`processingSteps.${step}`]: 1 } })) !== null,

    /** A transient failure: counts it and releases the asset until `retryAt`. */
    deferRetry: async (id: string, owner: string, retryAt: number) =>
      plain(
        await assets.updateOne(
          { _id: id, 'processingLease.owner': owner },
          { $inc: { processingAttempts: 1 }, $set: { processingRetryAt: retryAt }, $unset: { processingLease: true } },
        ),
      ),

    /**
     * Assets a sweep should take over: still needing work, no live lease, no retry pending, and
     * (when still UPLOADED) unchanged for `unclaimedAfterMs`, so the event path goes first.
     */
    findAbandoned: async (unclaimedAfterMs: number, limit: number): Promise<WorkedAsset[]> => {
      const now = Date.now();
      const candidates = await assets.find(
        { status: { $in: [...WORKING_STATUSES] }, ...LIVE, $or: [{ processingLease: { $exists: false } }, { 'processingLease.until': { $lt: now } }] },
        { limit: limit * 4, sort: { _id: 1 } },
      );
      return (
        candidates
          .filter((asset) => (asset.processingRetryAt ?? 0) <= now)
          // An UPLOADED asset is its MEDIA_UPLOADED's to start (the fast path); a sweep steps in
          // only when the event has had a lease period, so a lost event never strands an upload.
          .filter((asset) => asset.status !== 'UPLOADED' || (asset.updatedAt ?? asset.createdAt).getTime() < now - unclaimedAfterMs)
          .slice(0, limit)
          .map((asset) => stripEventFields(asset) as WorkedAsset)
      );
    },

    /** Assets still waiting or in work: the queue depth metric. */
    backlog: () => assets.count({ status: { $in: [...WORKING_STATUSES] }, ...LIVE }),
  };
}

/**
 * Forgets runs, attempts and step counts of a finished asset (reprocessing), before it goes back
 * to UPLOADED: nobody works on a READY or FAILED asset, so nothing is counted meanwhile.
 */
export async function forgetProcessingCounts(collection: Collection<WorkedAsset>, id: string, inStatus: readonly MediaStatus[]): Promise<void> {
  await collection.updateOne(
    { _id: id, status: { $in: [...inStatus] } },
    { $unset: { processingRuns: true, processingAttempts: true, processingRetryAt: true, processingSteps: true, processingTrigger: true } },
  );
}
