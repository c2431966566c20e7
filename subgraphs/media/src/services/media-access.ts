import { forbidden, unauthenticated, type UserViewer, type Viewer } from '@skillgraph/platform';
import type { CourseViewRecord, MediaAssetRecord, MediaStatus } from '../data/records';

/**
 * Who may see which asset, and when its bytes may be served: one rule for `mediaAsset(id)`,
 * `_entities`, the lesson and cover fields, and the file route alike.
 */

/** Statuses whose original has passed the scan (or was explicitly not scanned, see docs/media.md). */
const SERVABLE: readonly MediaStatus[] = ['CLEAN', 'PROCESSING', 'READY'];

/**
 * Whether the bytes may leave the platform at all: after a scan verdict, never INFECTED, never
 * deleted. An asset waiting in UPLOADED (no verdict yet) is not served, even to its owner.
 */
export function isServable(asset: MediaAssetRecord): boolean {
  return !asset.deletedAt && SERVABLE.includes(asset.status) && asset.scan?.verdict !== 'INFECTED';
}

export const isOwner = (viewer: Viewer, asset: MediaAssetRecord): boolean => viewer.kind === 'user' && viewer.id === asset.ownerId;
const isAdmin = (viewer: Viewer): boolean => viewer.kind === 'user' && viewer.role === 'ADMIN';

/** The course an asset is used in, if any. */
export function courseIdOf(asset: MediaAssetRecord): string | undefined {
  return asset.attachedTo?.courseId;
}

/**
 * Whether `viewer` may see the asset (its metadata, and its bytes once servable). The owner and
 * admins always; media of a published course everyone; of a draft course its instructor; free
 * public content everyone; anything else (unattached material, verification documents) nobody else.
 * `course` is the projection of the asset's course, or null when it has none or is unknown here.
 */
export function canSee(viewer: Viewer, asset: MediaAssetRecord, course: CourseViewRecord | null): boolean {
  if (asset.deletedAt) return false;
  if (asset.status === 'INFECTED' && !isOwner(viewer, asset) && !isAdmin(viewer)) return false;
  if (isOwner(viewer, asset) || isAdmin(viewer)) return true;
  if (asset.purpose === 'VERIFICATION_DOCUMENT') return false;
  if (course) return course.published || (viewer.kind === 'user' && viewer.id === course.instructorId);
  return asset.purpose === 'PUBLIC';
}

/**
 * `canSee` for media reached through a course or lesson the courses subgraph already returned to
 * this viewer (`Course.coverImage`, `Lesson.media`): the course's owner made the visibility
 * decision for the course, so only the asset's own rules remain (deleted, INFECTED, private).
 */
export function canSeeInVisibleCourse(viewer: Viewer, asset: MediaAssetRecord): boolean {
  return canSee(viewer, asset, { _id: courseIdOf(asset) ?? '', instructorId: '', title: '', published: true, lessonIds: [] });
}

/** Shown when an INFECTED record carries no reason of its own. */
const INFECTED_REASON = 'Malware was found in the file; it has been quarantined and will never be served.';

/**
 * Why an asset was refused (INFECTED) or could not be processed (FAILED), for its owner and admins
 * only: anyone else who may see the asset (a course's students) learns nothing about its history.
 * The stored reasons are written by the platform, not copied from tools; control characters are
 * dropped and the length capped all the same, since part of a scanner's verdict is quoted.
 */
export function failureReasonFor(viewer: Viewer, asset: MediaAssetRecord): string | null {
  if (asset.status !== 'INFECTED' && asset.status !== 'FAILED') return null;
  if (!isOwner(viewer, asset) && !isAdmin(viewer)) return null;
  const reason = asset.failureReason ?? (asset.status === 'INFECTED' ? INFECTED_REASON : null);
  return reason === null ? null : reason.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 500);
}

export function requireSignedIn(viewer: Viewer): UserViewer {
  if (viewer.kind !== 'user') throw unauthenticated();
  return viewer;
}

/** Changing an asset (delete, attach, finish its upload): its owner, or an admin. */
export function requireOwnerOrAdmin(viewer: UserViewer, asset: MediaAssetRecord): void {
  if (viewer.id !== asset.ownerId && viewer.role !== 'ADMIN') throw forbidden('Only the owner of this file or an admin can do this.');
}

/** Attaching media to a course: its instructor, or an admin. */
export function requireTeaches(viewer: UserViewer, course: CourseViewRecord): void {
  if (viewer.role !== 'ADMIN' && viewer.id !== course.instructorId) throw forbidden('Only the course instructor or an admin can change its media.');
}
