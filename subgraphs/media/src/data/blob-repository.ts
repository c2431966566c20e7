import { DuplicateKeyError, type DocumentStore } from '@skillgraph/platform';
import type { BlobRecord } from './records';

export const BLOBS_COLLECTION = { name: 'media_blobs' };

export type BlobRepository = Awaited<ReturnType<typeof openBlobRepository>>;

/**
 * Content stored once per SHA-256 (`_id`). `references` counts live assets using the blob; the
 * one who drops it to 0 removes the record and then the bytes.
 */
export async function openBlobRepository(store: DocumentStore) {
  const blobs = await store.collection<BlobRecord>(BLOBS_COLLECTION);
  return {
    findBySha256: (sha256: string): Promise<BlobRecord | null> => blobs.findOne({ _id: sha256 }),
    /**
     * Refers one more asset to the blob with these bytes. `candidate` is the object just written:
     * it becomes the blob when these bytes are new (`'stored'`), otherwise the existing blob gains
     * a reference and the caller deletes the candidate's bytes (`'shared'`).
     */
    async acquire(candidate: Omit<BlobRecord, 'references'>): Promise<{ blob: BlobRecord; outcome: 'stored' | 'shared' }> {
      for (;;) {
        const shared = await blobs.updateOne({ _id: candidate._id, references: { $gt: 0 } }, { $inc: { references: 1 } });
        if (shared) return { blob: shared, outcome: 'shared' };
        try {
          return { blob: await blobs.insertOne({ ...candidate, references: 1 }), outcome: 'stored' };
        } catch (error) {
          if (!(error instanceof DuplicateKeyError)) throw error;
          // Someone stored the same bytes in between, or a blob at 0 is being removed: look again.
          await blobs.deleteMany({ _id: candidate._id, references: { $lte: 0 } });
        }
      }
    },
    /** Drops one reference; returns the blob's key when this was the last one (the caller removes the bytes). */
    async release(sha256: string): Promise<string | null> {
      const after = await blobs.updateOne({ _id: sha256, references: { $gt: 0 } }, { $inc: { references: -1 } });
      if (!after || after.references > 0) return null;
      const removed = await blobs.deleteMany({ _id: sha256, references: { $lte: 0 } });
      return removed > 0 ? after.key : null;
    },
    count: (): Promise<number> => blobs.count({}),
  };
}
