import type { Context } from '../context';
import type { MediaAssetRecord } from '../data/records';
import { canSee, canSeeInVisibleCourse, courseIdOf } from '../services/media-access';

/** The asset if the viewer may see it, else null; the asset's course comes through the per-request loader. */
export async function seeable(asset: MediaAssetRecord | null, { viewer, loaders }: Context): Promise<MediaAssetRecord | null> {
  if (!asset) return null;
  const courseId = courseIdOf(asset);
  const course = courseId ? await loaders.courseById.load(courseId) : null;
  return canSee(viewer, asset, course) ? asset : null;
}

/** For media under a course or lesson the viewer was already allowed to see (no projection look-up). */
export const seeableInVisibleCourse = (asset: MediaAssetRecord | null, { viewer }: Context): MediaAssetRecord | null =>
  asset && canSeeInVisibleCourse(viewer, asset) ? asset : null;
