import { badUserInput, checkText, forbidden, notFound, parseId, parsePageArgs, type Connection, type PageArgs, type Viewer } from '@skillgraph/platform';
import type { ObjectStorage } from '@skillgraph/platform/src/storage';
import type { MediaSettings } from '../config';
import type { BlobRepository } from '../data/blob-repository';
import type { CourseDirectory } from '../data/course-directory';
import type { MediaAssetRepository } from '../data/media-asset-repository';
import { MAX_RECORDED_TEXT, type CourseViewRecord, type MediaAssetRecord, type MediaKind, type MediaStatus, type MediaUsageRecord } from '../data/records';
import type { UsageRepository } from '../data/usage-repository';
import { canSee, courseIdOf, isOwner, isServable, requireOwnerOrAdmin, requireSignedIn, requireTeaches } from './media-access';
import { releaseAsset } from './release';

export interface MediaServiceDeps {
  assets: MediaAssetRepository;
  blobs: BlobRepository;
  usage: UsageRepository;
  courses: CourseDirectory;
  storage: ObjectStorage;
  settings: MediaSettings;
  outbox: { notify(): void };
  now?: () => Date;
}

export interface MediaUsageView {
  bytes: number;
  files: number;
  quotaBytes: number;
  quotaFiles: number;
}

export type MediaService = ReturnType<typeof createMediaService>;

/** Reads and changes that are not uploads: visibility, lists, deletion, attachment, quotas. */
export function createMediaService(deps: MediaServiceDeps) {
  const { assets, usage, courses, settings } = deps;
  const now = deps.now ?? (() => new Date());
  const usageView = (record: MediaUsageRecord): MediaUsageView => {
    const quota = usage.quotaOf(record, settings.quota);
    return { bytes: Math.max(0, record.bytes), files: Math.max(0, record.files), quotaBytes: quota.bytes, quotaFiles: quota.files };
  };

  return {
    /** The assets `viewer` may see among `candidates` (nulls for the others), with one course look-up for all. */
    async visible(viewer: Viewer, candidates: readonly (MediaAssetRecord | null)[]): Promise<(MediaAssetRecord | null)[]> {
      const courseIds = [...new Set(candidates.map((asset) => asset && courseIdOf(asset)).filter((id): id is string => Boolean(id)))];
      const known = new Map<string, CourseViewRecord>((courseIds.length ? await courses.getMany(courseIds) : []).map((course) => [course._id, course]));
      return candidates.map((asset) => {
        if (!asset) return null;
        const courseId = courseIdOf(asset);
        return canSee(viewer, asset, courseId ? (known.get(courseId) ?? null) : null) ? asset : null;
      });
    },

    async myMedia(
      viewer: Viewer,
      args: PageArgs,
      filter: { kind?: MediaKind | null; status?: MediaStatus | null; text?: string | null } = {},
    ): Promise<Connection<MediaAssetRecord>> {
      const user = requireSignedIn(viewer);
      parsePageArgs(args);
      const text = filter.text == null ? undefined : checkText(filter.text, 'filter.text', 'The text to look for', { min: 1, max: 200 });
      return assets.listByOwner(
        { ownerId: user.id, ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.status ? { status: filter.status } : {}), ...(text ? { text } : {}) },
        args,
      );
    },

    /**
     * The extracted text of an asset the viewer was already allowed to see (its parent field made
     * that check), once the file may be served. Assets processed before the text was kept on the
     * record are read from storage.
     */
    async textOf(asset: MediaAssetRecord): Promise<string | null> {
      if (!isServable(asset)) return null;
      if (asset.text !== undefined) return asset.text;
      const key = asset.renditions?.textKey;
      const found = key ? await deps.storage.get(key) : null;
      if (!found) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of found.body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8').slice(0, MAX_RECORDED_TEXT);
    },

    async deleteMedia(viewer: Viewer, rawId: string): Promise<boolean> {
      const user = requireSignedIn(viewer);
      const asset = await assets.findById(parseId(rawId, 'id'));
      if (!asset || asset.deletedAt) throw notFound('MediaAsset');
      requireOwnerOrAdmin(user, asset);
      if (!(await releaseAsset(deps, asset, now()))) throw notFound('MediaAsset');
      return true;
    },

    /** One of the caller's own assets, live, that may be put in front of a course's students. */
    async usableAsset(viewer: Viewer, rawId: string): Promise<MediaAssetRecord> {
      const user = requireSignedIn(viewer);
      const asset = await assets.findById(parseId(rawId, 'assetId'));
      if (!asset || asset.deletedAt) throw notFound('MediaAsset');
      if (!isOwner(user, asset) && user.role !== 'ADMIN') throw forbidden('You can only attach your own files.');
      if (asset.status === 'INFECTED' || asset.status === 'FAILED' || asset.status === 'PENDING_UPLOAD')
        throw badUserInput(`A file in status ${asset.status} cannot be attached.`, 'assetId');
      if (asset.purpose === 'VERIFICATION_DOCUMENT') throw badUserInput('Verification documents are private and cannot be attached to a course.', 'assetId');
      return asset;
    },

    async attachLessonMedia(viewer: Viewer, rawLessonId: string, rawAssetId: string): Promise<MediaAssetRecord> {
      const user = requireSignedIn(viewer);
      const lessonId = parseId(rawLessonId, 'lessonId');
      const course = await courses.findByLesson(lessonId);
      if (!course) throw notFound('Lesson');
      requireTeaches(user, course);
      const asset = await this.usableAsset(viewer, rawAssetId);
      const attached = await assets.setAttachment(asset._id, { kind: 'LESSON', lessonId, courseId: course._id, attachedAt: now() });
      if (!attached) throw notFound('MediaAsset');
      return attached;
    },

    async setCourseCover(viewer: Viewer, rawCourseId: string, rawAssetId: string): Promise<MediaAssetRecord> {
      const user = requireSignedIn(viewer);
      const course = await courses.get(parseId(rawCourseId, 'courseId'));
      if (!course) throw notFound('Course');
      requireTeaches(user, course);
      const asset = await this.usableAsset(viewer, rawAssetId);
      if (asset.kind !== 'IMAGE') throw badUserInput('A course cover must be an image.', 'assetId');
      const attached = await assets.setAttachment(asset._id, { kind: 'COURSE_COVER', courseId: course._id, attachedAt: now() });
      if (!attached) throw notFound('MediaAsset');
      return attached;
    },

    /** The user's own usage, or any user's for admins; null for anyone else. */
    async usageOf(viewer: Viewer, userId: string): Promise<MediaUsageView | null> {
      if (viewer.kind !== 'user' || (viewer.id !== userId && viewer.role !== 'ADMIN')) return null;
      return usageView(await usage.get(userId));
    },

    async setQuota(viewer: Viewer, rawUserId: string, quota: { bytes?: number | null; files?: number | null }): Promise<MediaUsageView> {
      const user = requireSignedIn(viewer);
      if (user.role !== 'ADMIN') throw forbidden('Only admins can change quotas.');
      const userId = parseId(rawUserId, 'userId');
      if (quota.bytes !== undefined && quota.bytes !== null && (!Number.isSafeInteger(quota.bytes) || quota.bytes < 0))
        throw badUserInput('quotaBytes must be a whole number of bytes, 0 or more.', 'quotaBytes');
      if (quota.files !== undefined && quota.files !== null && (!Number.isInteger(quota.files) || quota.files < 0))
        throw badUserInput('quotaFiles must be a whole number, 0 or more.', 'quotaFiles');
      return usageView(await usage.setQuota(userId, quota));
    },
  };
}
