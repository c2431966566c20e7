import type { AnyEvent, Connection, DocumentStore, Filter, PageArgs, Update } from '@skillgraph/platform';
import { outboxPush, paginate, stripEventFields, withOutbox } from '@skillgraph/platform';
import { mediaEntered } from '../events/media-events';
import type { MediaAssetRecord, MediaKind, MediaStatus } from './records';

export const MEDIA_ASSETS_COLLECTION = {
  name: 'media_assets',
  indexes: [
    { fields: ['ownerId'] },
    // Sparse: most assets are attached to one kind of thing or to nothing.
    { fields: ['attachedTo.courseId'], sparse: true },
    { fields: ['attachedTo.lessonId'], sparse: true },
    { fields: ['sha256'], sparse: true },
    { fields: ['status'] },
  ],
};

/** A cover in these states can never be shown, so an older usable cover wins over it. */
const UNUSABLE_COVER: MediaStatus[] = ['INFECTED', 'FAILED'];
const LIVE: Filter = { deletedAt: { $exists: false } };
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What `myMedia` narrows by; every field narrows the result. */
export interface MediaQuery {
  ownerId: string;
  kind?: MediaKind;
  status?: MediaStatus;
  /** Case-insensitive substring of the extracted text. */
  text?: string;
}

/** Fields a transition may set along with the status; the lifecycle fields the worker fills. */
export type MediaChanges = Partial<
  Pick<MediaAssetRecord, 'scan' | 'progress' | 'failureReason' | 'renditions' | 'text' | 'blobKey' | 'sha256' | 'size' | 'contentType' | 'upload' | 'stagingKey' | 'attachedTo'>
>;

export type MediaAssetRepository = Awaited<ReturnType<typeof openMediaAssetRepository>>;

// Reads hand out plain records: the staged events are the relay's business.
const plain = (asset: MediaAssetRecord): MediaAssetRecord => stripEventFields(asset);
const plainOrNull = (asset: MediaAssetRecord | null): MediaAssetRecord | null => asset && plain(asset);

export async function openMediaAssetRepository(store: DocumentStore) {
  const assets = await store.collection<MediaAssetRecord>(MEDIA_ASSETS_COLLECTION);

  /**
   * Moves `id` from one of `from` to `to`, applying `changes` and staging the lifecycle event in
   * the same single-document write. Null: the asset is not (or no longer) in one of `from`, and
   * nothing was written. This is the one way statuses change, for the subgraph and the worker.
   */
  async function transition(
    id: string,
    from: readonly MediaStatus[],
    to: MediaStatus,
    changes: MediaChanges = {},
    options: { reason?: string; at?: Date; extraEvents?: readonly AnyEvent[]; unset?: (keyof MediaAssetRecord)[] } = {},
  ): Promise<MediaAssetRecord | null> {
    const at = options.at ?? new Date();
    const before = await assets.findOne({ _id: id, status: { $in: [...from] }, ...LIVE });
    if (!before) return null;
    const after = { ...before, ...changes };
    const events = [mediaEntered(after, to, at, options.reason), ...(options.extraEvents ?? [])];
    const update: Update = { $set: { ...changes, status: to, updatedAt: at } };
    if (options.unset?.length) update.$unset = Object.fromEntries(options.unset.map((field) => [field, true as const]));
    return plainOrNull(await assets.updateOne({ _id: id, status: before.status, ...LIVE }, outboxPush(events, update)));
  }

  return {
    findById: async (id: string): Promise<MediaAssetRecord | null> => plainOrNull(await assets.findOne({ _id: id })),
    /** One query for any number of ids; the order of the result is not the order asked. */
    findByIds: async (ids: readonly string[]): Promise<MediaAssetRecord[]> => (await assets.find({ _id: { $in: [...ids] } })).map(plain),
    /** One query: the usable covers of these courses, newest attachment first. */
    findCoversOfCourses: async (courseIds: readonly string[]): Promise<MediaAssetRecord[]> =>
      (
        await assets.find(
          { 'attachedTo.kind': 'COURSE_COVER', 'attachedTo.courseId': { $in: [...courseIds] }, status: { $nin: UNUSABLE_COVER }, ...LIVE },
          { sort: { 'attachedTo.attachedAt': -1, _id: -1 } },
        )
      ).map(plain),
    /** One query: everything attached to these lessons, in attach order. */
    findAttachedToLessons: async (lessonIds: readonly string[]): Promise<MediaAssetRecord[]> =>
      (await assets.find({ 'attachedTo.kind': 'LESSON', 'attachedTo.lessonId': { $in: [...lessonIds] }, ...LIVE }, { sort: { 'attachedTo.attachedAt': 1, _id: 1 } })).map(plain),
    /** A page of one owner's live assets, oldest first. */
    listByOwner: (query: MediaQuery, args: PageArgs): Promise<Connection<MediaAssetRecord>> => {
      const filter: Filter = { ownerId: query.ownerId, ...LIVE };
      if (query.kind) filter.kind = query.kind;
      if (query.status) filter.status = query.status;
      // A scan of the owner's assets: nedb has no text index, and one user's media is a bounded set.
      if (query.text) filter.text = { $regex: new RegExp(escapeRegExp(query.text), 'i') };
      return paginate(assets, filter, args, plain);
    },
    /** Inserts the asset with `events` staged in the same document, so both commit or neither. */
    insert: async (asset: MediaAssetRecord, events: readonly AnyEvent[]): Promise<MediaAssetRecord> => plain(await assets.insertOne(withOutbox(asset, events))),
    transition,
    /**
     * Progress and renditions while PROCESSING (no event: progress is not a transition). Null when
     * the asset is not in one of `inStatus`.
     */
    updateDerivatives: async (id: string, changes: Pick<MediaChanges, 'progress' | 'renditions'>, inStatus: readonly MediaStatus[] = ['PROCESSING']) =>
      plainOrNull(await assets.updateOne({ _id: id, status: { $in: [...inStatus] }, ...LIVE }, { $set: { ...changes, updatedAt: new Date() } })),
    /** Sets or clears where the asset is used; no lifecycle event. */
    setAttachment: async (id: string, attachedTo: MediaAssetRecord['attachedTo'] | null) =>
      plainOrNull(await assets.updateOne({ _id: id, ...LIVE }, attachedTo ? { $set: { attachedTo } } : { $unset: { attachedTo: true } })),
    /** Soft delete with its event; null when already deleted. */
    markDeleted: async (id: string, at: Date, events: readonly AnyEvent[]) =>
      plainOrNull(await assets.updateOne({ _id: id, ...LIVE }, outboxPush(events, { $set: { deletedAt: at, updatedAt: at }, $unset: { attachedTo: true } }))),
    /** Hard delete of an asset that never got its bytes (abandoned upload): nothing was announced as stored. */
    removePending: (id: string, events: readonly AnyEvent[]) =>
      assets.updateOne({ _id: id, status: 'PENDING_UPLOAD', ...LIVE }, outboxPush(events, { $set: { deletedAt: new Date() } })),
    /** Direct uploads announced before `before` whose bytes never came. */
    findAbandonedUploads: async (before: Date): Promise<MediaAssetRecord[]> =>
      (await assets.find({ status: 'PENDING_UPLOAD', 'upload.expiresAt': { $lt: before }, ...LIVE })).map(plain),
    insertMany: async (records: MediaAssetRecord[]): Promise<MediaAssetRecord[]> => (await assets.insertMany(records)).map(plain),
    count: (): Promise<number> => assets.count({}),
    /** The raw collection, for the outbox relay only: its documents carry the staged events. */
    outboxSource: assets,
  };
}
