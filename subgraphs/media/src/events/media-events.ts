import { createEvent, type AnyEvent } from '@skillgraph/platform';
import type { MediaAssetRecord, MediaStatus } from '../data/records';

/**
 * What the media subgraph publishes (topic `media.events`, key = asset id; shapes in
 * docs/events.md). Every lifecycle transition has its event, staged in the same write as the
 * transition (outbox), so a status never changes silently.
 */
const EVENT_OF_STATUS = {
  PENDING_UPLOAD: 'MEDIA_UPLOAD_REQUESTED',
  UPLOADED: 'MEDIA_UPLOADED',
  SCANNING: 'MEDIA_SCAN_STARTED',
  CLEAN: 'MEDIA_CLEAN',
  INFECTED: 'MEDIA_INFECTED',
  PROCESSING: 'MEDIA_PROCESSING_STARTED',
  READY: 'MEDIA_READY',
  FAILED: 'MEDIA_FAILED',
} as const satisfies Record<MediaStatus, string>;

type Described = Pick<MediaAssetRecord, '_id' | 'ownerId' | 'contentType' | 'size'>;

/** The event announcing that `asset` entered `status` (`reason` for INFECTED, FAILED, or a NOT_SCANNED CLEAN). */
export function mediaEntered(asset: Described, status: MediaStatus, at: Date, reason?: string): AnyEvent {
  const type = EVENT_OF_STATUS[status];
  const payload = {
    asset_id: asset._id,
    owner_id: asset.ownerId,
    status,
    mime_type: asset.contentType,
    size_bytes: asset.size,
    ...(reason ? { reason: reason.slice(0, 1000) } : {}),
  };
  return createEvent(type, payload as never, { at });
}

export function mediaDeleted(asset: Described, at: Date): AnyEvent {
  return createEvent('MEDIA_DELETED', { asset_id: asset._id, owner_id: asset.ownerId, status: 'DELETED', mime_type: asset.contentType, size_bytes: asset.size }, { at });
}
