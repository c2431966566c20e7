import type { ObjectStorage } from '@skillgraph/platform/src/storage';
import type { BlobRepository } from '../data/blob-repository';
import type { MediaAssetRepository } from '../data/media-asset-repository';
import type { MediaAssetRecord } from '../data/records';
import type { UsageRepository } from '../data/usage-repository';
import { mediaDeleted } from '../events/media-events';

export interface ReleaseDeps {
  assets: MediaAssetRepository;
  blobs: BlobRepository;
  usage: UsageRepository;
  storage: ObjectStorage;
  outbox: { notify(): void };
}

/**
 * Deletes an asset for good from everyone's point of view (soft delete with MEDIA_DELETED), then
 * lets go of what it held: its quota, its unfinished upload, its derivatives, and its blob when no
 * other asset shares it. Returns false when somebody else deleted it first (then nothing is done twice).
 */
export async function releaseAsset(deps: ReleaseDeps, asset: MediaAssetRecord, at: Date): Promise<boolean> {
  const deleted = await deps.assets.markDeleted(asset._id, at, [mediaDeleted(asset, at)]);
  if (!deleted) return false;
  deps.outbox.notify();
  await deps.usage.release(asset.ownerId, asset.size, 1);
  if (asset.upload?.method === 'MULTIPART' && asset.status === 'PENDING_UPLOAD') {
    await deps.storage.abortMultipartUpload(asset.stagingKey!, asset.upload.uploadId).catch(() => undefined);
  }
  if (asset.stagingKey) await deps.storage.delete(asset.stagingKey);
  if (asset.derivedPrefix) for (const key of await deps.storage.list(asset.derivedPrefix)) await deps.storage.delete(key);
  if (asset.sha256) {
    const orphan = await deps.blobs.release(asset.sha256);
    if (orphan) await deps.storage.delete(orphan);
  }
  return true;
}
