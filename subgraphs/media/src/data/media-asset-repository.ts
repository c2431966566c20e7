import type { DocumentStore } from '@skillgraph/platform';
import type { MediaAssetRecord, MediaStatus } from './records';

export const MEDIA_ASSETS_COLLECTION = {
  name: 'media_assets',
  indexes: [
    { fields: ['ownerId'] },
    // Sparse: most assets are attached to one kind of thing or to nothing.
    { fields: ['attachedTo.courseId'], sparse: true },
    { fields: ['attachedTo.lessonId'], sparse: true },
  ],
};

/** A cover in these states can never be shown, so an older usable cover wins over it. */
const UNUSABLE_COVER: MediaStatus[] = ['INFECTED', 'FAILED'];

export type MediaAssetRepository = Awaited<ReturnType<typeof openMediaAssetRepository>>;

export async function openMediaAssetRepository(store: DocumentStore) {
  const assets = await store.collection<MediaAssetRecord>(MEDIA_ASSETS_COLLECTION);
  return {
    /** One query for any number of ids; the order of the result is not the order asked. */
    findByIds: (ids: readonly string[]): Promise<MediaAssetRecord[]> => assets.find({ _id: { $in: [...ids] } }),
    /** One query: the usable covers of these courses, newest attachment first. */
    findCoversOfCourses: (courseIds: readonly string[]): Promise<MediaAssetRecord[]> =>
      assets.find(
        { 'attachedTo.kind': 'COURSE_COVER', 'attachedTo.courseId': { $in: [...courseIds] }, status: { $nin: UNUSABLE_COVER } },
        { sort: { 'attachedTo.attachedAt': -1, _id: -1 } },
      ),
    /** One query: everything attached to these lessons, in attach order. */
    findAttachedToLessons: (lessonIds: readonly string[]): Promise<MediaAssetRecord[]> =>
      assets.find(
        { 'attachedTo.kind': 'LESSON', 'attachedTo.lessonId': { $in: [...lessonIds] } },
        { sort: { 'attachedTo.attachedAt': 1, _id: 1 } },
      ),
    insertMany: (records: MediaAssetRecord[]): Promise<MediaAssetRecord[]> => assets.insertMany(records),
    count: (): Promise<number> => assets.count({}),
  };
}
