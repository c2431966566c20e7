import { Readable } from 'node:stream';
import { newId } from '@skillgraph/platform';
import type { MediaAssetRecord } from '../src/data/records';
import { cleanAbandonedUploads } from '../src/services/cleanup';
import { defaultMediaSettings } from '../src/config';
import { person, startMediaSubgraph, type MediaHarness } from './harness';

/** myMedia, usage visibility and the abandoned-upload clean-up, on the subgraph with real storage. */
let h: MediaHarness;
beforeAll(async () => {
  h = await startMediaSubgraph();
});
afterAll(async () => h.stop());

const owner = person('STUDENT');
const ownerId = owner.kind === 'user' ? owner.id : '';
const record = (fields: Partial<MediaAssetRecord>): MediaAssetRecord => ({
  _id: newId(),
  kind: 'IMAGE',
  purpose: 'COURSE_MATERIAL',
  filename: 'a.png',
  contentType: 'image/png',
  size: 100,
  status: 'UPLOADED',
  ownerId,
  createdAt: new Date(),
  ...fields,
});

describe('myMedia', () => {
  it("lists the caller's own live assets, filtered by kind and status, paged", async () => {
    await h.assets.insertMany([
      record({ filename: 'one.png' }),
      record({ filename: 'two.pdf', kind: 'DOCUMENT', contentType: 'application/pdf', status: 'READY' }),
      record({ filename: 'three.png', status: 'READY' }),
      record({ filename: 'deleted.png', deletedAt: new Date() }),
      record({ filename: 'someone-else.png', ownerId: newId() }),
    ]);
    const list = async (args: string) =>
      (
        await h.gql<{ myMedia: { totalCount: number; edges: { node: { filename: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
          `{ myMedia${args} { totalCount edges { node { filename } } pageInfo { hasNextPage } } }`,
          {},
          owner,
        )
      ).data!.myMedia;
    expect((await list('')).edges.map((edge) => edge.node.filename)).toEqual(['one.png', 'two.pdf', 'three.png']);
    expect((await list('(filter: { kind: IMAGE })')).edges.map((edge) => edge.node.filename)).toEqual(['one.png', 'three.png']);
    expect((await list('(filter: { status: READY, kind: IMAGE })')).edges.map((edge) => edge.node.filename)).toEqual(['three.png']);
    const page = await list('(first: 2)');
    expect(page).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect((await h.gql('{ myMedia { totalCount } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows usage to its user and admins only', async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { mediaUsage { files quotaFiles } } } }`;
    const reps = [{ __typename: 'User', id: ownerId }];
    expect((await h.gql<{ _entities: { mediaUsage: unknown }[] }>(query, { reps }, owner)).data!._entities[0]!.mediaUsage).toEqual({
      files: 0,
      quotaFiles: 1000,
    });
    expect((await h.gql<{ _entities: { mediaUsage: unknown }[] }>(query, { reps }, person('ADMIN'))).data!._entities[0]!.mediaUsage).not.toBeNull();
    expect((await h.gql<{ _entities: { mediaUsage: unknown }[] }>(query, { reps }, person('STUDENT'))).data!._entities[0]!.mediaUsage).toBeNull();
  });
});

describe('abandoned uploads', () => {
  it('deletes expired presigned uploads with their bytes and reservation, and aborts stale multipart uploads', async () => {
    const { storage, usage, blobs, relay } = h.subgraph;
    const settings = defaultMediaSettings();
    const userId = newId();
    await usage.reserve(userId, 501, 2, settings.quota);
    const expired = record({
      ownerId: userId,
      size: 500,
      status: 'PENDING_UPLOAD',
      stagingKey: `originals/${newId()}`,
      upload: { method: 'PRESIGNED_PUT', declaredSize: 500, expiresAt: new Date(Date.now() - 1000) },
    });
    const fresh = record({
      ownerId: userId,
      size: 1,
      status: 'PENDING_UPLOAD',
      stagingKey: `originals/${newId()}`,
      upload: { method: 'PRESIGNED_PUT', declaredSize: 1, expiresAt: new Date(Date.now() + 600_000) },
    });
    await h.assets.insertMany([expired, fresh]);
    await storage.put(expired.stagingKey!, Readable.from([Buffer.alloc(500)]));
    const uploadId = await storage.createMultipartUpload(`originals/${newId()}`, { contentType: 'video/mp4' });

    const later = new Date(Date.now() + settings.incompleteUploadMaxAgeMs + 60_000);
    const cleaned = await cleanAbandonedUploads({
      assets: h.assets,
      blobs,
      usage,
      storage,
      outbox: relay,
      settings,
      logger: { warn: () => undefined } as never,
      stagedUploadState: async () => 'awaiting',
      now: () => later,
    });
    expect(cleaned.assets).toBeGreaterThanOrEqual(1);
    expect(cleaned.multipart).toBeGreaterThanOrEqual(1);
    expect((await h.assets.findById(expired._id))?.deletedAt).toBeInstanceOf(Date);
    expect(await storage.head(expired.stagingKey!)).toBeNull();
    // `later` is past both uploads' expiry: both go, with both reservations.
    expect((await h.assets.findById(fresh._id))?.deletedAt).toBeInstanceOf(Date);
    expect(await usage.get(userId)).toMatchObject({ bytes: 0, files: 0 });
    expect((await storage.listIncompleteUploads()).some((upload) => upload.uploadId === uploadId)).toBe(false);
    // Nothing is left to clean now.
    const again = await cleanAbandonedUploads({
      assets: h.assets,
      blobs,
      usage,
      storage,
      outbox: relay,
      settings,
      logger: { warn: () => undefined } as never,
      stagedUploadState: async () => 'awaiting',
    });
    expect(again.assets).toBe(0);
  });

  it('removes staged objects no upload awaits any more (a PUT that landed after confirm or abort), keeps the awaited ones', async () => {
    const { storage, usage, blobs, relay } = h.subgraph;
    const settings = defaultMediaSettings();
    await storage.put('staging/late/0123456789abcdef0123456789abcdef', Readable.from([Buffer.from('late bytes')]));
    await storage.put('staging/live/0123456789abcdef0123456789abcdef', Readable.from([Buffer.from('awaited bytes')]));
    const state = async (key: string) => (key.startsWith('staging/live/') ? 'awaiting' : 'closed') as 'awaiting' | 'closed';
    const cleaned = await cleanAbandonedUploads({
      assets: h.assets,
      blobs,
      usage,
      storage,
      outbox: relay,
      settings,
      logger: { warn: () => undefined } as never,
      stagedUploadState: state,
    });
    expect(cleaned.staged).toBe(1);
    expect(await storage.list('staging/')).toEqual(['staging/live/0123456789abcdef0123456789abcdef']);
  });
});
