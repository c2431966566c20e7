import { assertRole, conflict, notFound, parseId, type Collection, type Viewer } from '@skillgraph/platform';
import { forgetProcessingCounts, type WorkedAsset } from './asset-leases';
import type { MediaAssetRepository } from '../data/media-asset-repository';
import type { MediaAssetRecord, MediaStatus } from '../data/records';

/** Only finished assets start over; INFECTED bytes stay in quarantine for good. */
export const REPROCESSABLE: readonly MediaStatus[] = ['READY', 'FAILED'];

/**
 * `reprocessMedia(id)` (admins): the asset goes back to UPLOADED, which stages a new
 * MEDIA_UPLOADED; the worker group takes it from there exactly as after an upload (scan included,
 * since signatures change), with its run, attempt and step counts started afresh. Null when the asset is not
 * READY or FAILED (nothing was written).
 */
export async function requestReprocessing(assets: MediaAssetRepository, id: string): Promise<MediaAssetRecord | null> {
  // The worker's own fields live on the same documents (the repository's raw collection).
  await forgetProcessingCounts(assets.outboxSource as Collection<WorkedAsset>, id, REPROCESSABLE);
  return assets.transition(id, REPROCESSABLE, 'UPLOADED', {}, { unset: ['failureReason', 'progress'] });
}

/** The admin-facing side of reprocessing: access, id and state checks around `requestReprocessing`. */
export function createReprocessService(assets: MediaAssetRepository, publishNow: () => void = () => undefined) {
  return {
    async reprocessMedia(viewer: Viewer, rawId: string): Promise<MediaAssetRecord> {
      assertRole(viewer, ['ADMIN']);
      const id = parseId(rawId, 'id');
      const asset = await assets.findById(id);
      if (!asset || asset.deletedAt) throw notFound('MediaAsset');
      const restarted = await requestReprocessing(assets, id);
      if (!restarted) throw conflict(`Only READY or FAILED assets can be reprocessed; this one is ${asset.status}.`, 'id');
      publishNow(); // the new MEDIA_UPLOADED now rather than at the relay's next poll
      return restarted;
    },
  };
}
export type ReprocessService = ReturnType<typeof createReprocessService>;
