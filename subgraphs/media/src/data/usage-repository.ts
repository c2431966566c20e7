import { DuplicateKeyError, type DocumentStore } from '@skillgraph/platform';
import type { MediaUsageRecord } from './records';

export const MEDIA_USAGE_COLLECTION = { name: 'media_usage' };

export type UsageRepository = Awaited<ReturnType<typeof openUsageRepository>>;

export interface Quota {
  bytes: number;
  files: number;
}

/** How many attempts a reservation makes when other writes to the same user keep winning. */
const MAX_ATTEMPTS = 20;

/**
 * Bytes and files per user. A reservation is a compare-and-set on the counters read, so two
 * concurrent uploads cannot both squeeze under the quota.
 */
export async function openUsageRepository(store: DocumentStore) {
  const usage = await store.collection<MediaUsageRecord>(MEDIA_USAGE_COLLECTION);

  async function get(userId: string): Promise<MediaUsageRecord> {
    const found = await usage.findOne({ _id: userId });
    if (found) return found;
    try {
      return await usage.insertOne({ _id: userId, bytes: 0, files: 0 });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      return (await usage.findOne({ _id: userId }))!;
    }
  }

  return {
    get,
    /** The user's quota: their own, set by an admin, or `defaults`. */
    quotaOf: (record: MediaUsageRecord, defaults: Quota): Quota => ({ bytes: record.quotaBytes ?? defaults.bytes, files: record.quotaFiles ?? defaults.files }),
    /**
     * Adds `bytes` and `files` if the result stays within the quota; 'bytes' or 'files' names the
     * limit that would be crossed (and nothing changed).
     */
    async reserve(userId: string, bytes: number, files: number, defaults: Quota): Promise<'reserved' | 'bytes' | 'files'> {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const current = await get(userId);
        const quota = { bytes: current.quotaBytes ?? defaults.bytes, files: current.quotaFiles ?? defaults.files };
        if (current.bytes + bytes > quota.bytes) return 'bytes';
        if (current.files + files > quota.files) return 'files';
        const updated = await usage.updateOne({ _id: userId, bytes: current.bytes, files: current.files }, { $inc: { bytes, files } });
        if (updated) return 'reserved';
      }
      throw new Error(`usage of ${userId} kept changing while reserving`);
    },
    /** Gives back what a reservation or a deleted asset held. */
    release: async (userId: string, bytes: number, files: number): Promise<void> => {
      await usage.updateOne({ _id: userId }, { $inc: { bytes: -bytes, files: -files } });
    },
    /** Replaces a reservation by the measured size (a direct upload's declared and real sizes may differ). */
    adjust: async (userId: string, deltaBytes: number): Promise<void> => {
      if (deltaBytes !== 0) await usage.updateOne({ _id: userId }, { $inc: { bytes: deltaBytes } });
    },
    async setQuota(userId: string, quota: { bytes?: number | null; files?: number | null }): Promise<MediaUsageRecord> {
      await get(userId);
      const $set: Record<string, number> = {};
      const $unset: Record<string, true> = {};
      if (quota.bytes === null || quota.bytes === undefined) $unset.quotaBytes = true;
      else $set.quotaBytes = quota.bytes;
      if (quota.files === null || quota.files === undefined) $unset.quotaFiles = true;
      else $set.quotaFiles = quota.files;
      return (await usage.updateOne({ _id: userId }, { ...(Object.keys($set).length ? { $set } : {}), ...(Object.keys($unset).length ? { $unset } : {}) }))!;
    },
  };
}
