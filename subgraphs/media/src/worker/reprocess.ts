import type { MediaAssetRepository } from '../data/media-asset-repository';
import type { MediaAssetRecord, MediaStatus } from '../data/records';

/** Only finished assets start over; INFECTED bytes stay in quarantine for good. */
export const REPROCESSABLE: readonly MediaStatus[] = ['READY', 'FAILED'];

/**
 * `reprocessMedia(id)` (admins): the asset goes back to UPLOADED, which stages a new
 * MEDIA_UPLOADED; the worker group takes it from there exactly as after an upload (scan included,
 * since signatures change), with its attempt counts started afresh. Null when the asset is not
 * READY or FAILED (nothing was written).
 */
export function requestReprocessing(assets: MediaAssetRepository, id: string): Promise<MediaAssetRecord | null> {
  return assets.transition(id, REPROCESSABLE, 'UPLOADED', {}, { unset: ['failureReason', 'progress'] });
}
