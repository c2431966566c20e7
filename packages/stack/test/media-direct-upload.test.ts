import { randomBytes } from 'node:crypto';
import { createUrlSigner, openS3Storage, type MediaStorage } from '@skillgraph/platform/src/storage';
import { startS3rver, TEST_BUCKET, type S3TestServer } from '@skillgraph/platform/test/storage/storage-harness';
import { login, ok, onceProjected, type Client } from './support/learning-loop';
import { download, exeBytes, markScanned, pngBytes, sha256, startMediaStack, uploadThroughGateway, type MediaTestStack } from './support/media';

/**
 * The presigned flow and the resumable multipart flow, end to end through the gateway, in both
 * modes: embedded (the media subgraph serves the signed upload routes on the gateway's origin)
 * and S3 (s3rver on 127.0.0.1; downloads still go through the file route, as without CloudFront).
 */
const MiB = 1024 * 1024;
let s3: S3TestServer | undefined;

const modes: [string, () => Promise<((baseUrl: () => string) => Promise<MediaStorage>) | undefined>][] = [
  ['embedded', async () => undefined],
  [
    's3 (s3rver)',
    async () => {
      s3 = await startS3rver();
      const endpoint = s3.endpoint;
      return async () => ({
        storage: openS3Storage({
          bucket: TEST_BUCKET,
          region: 'us-east-1',
          endpoint,
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
          partSizeBytes: 5 * MiB,
        }),
        embedded: null,
        signer: createUrlSigner(randomBytes(32)),
        cloudfront: null,
      });
    },
  ],
];

const CREATE_UPLOAD = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { asset { id status size } uploadUrl method headers { name value } expiresAt } }`;
const CONFIRM = `mutation ($id: ID!) { confirmUpload(assetId: $id) { id status size contentType filename } }`;
const CREATE_MULTIPART = `mutation ($input: CreateUploadInput!) { createMultipartUpload(input: $input) { asset { id status } partSize partCount parts { partNumber url expiresAt } } }`;
const PART_URLS = `mutation ($id: ID!, $parts: [Int!]!) { uploadPartUrls(assetId: $id, partNumbers: $parts) { partNumber url } }`;
const COMPLETE = `mutation ($id: ID!, $parts: [CompletedPartInput!]!) { completeMultipartUpload(assetId: $id, parts: $parts) { id status size contentType } }`;
const ASSET = `query ($id: ID!) { mediaAsset(id: $id) { id status failureReason url { url } } }`;
const USAGE = '{ me { mediaUsage { bytes files } } }';

describe.each(modes)('direct uploads: %s', (_mode, storageFactory) => {
  let t: MediaTestStack;
  let grace: Client;
  beforeAll(async () => {
    const storage = await storageFactory();
    t = await startMediaStack({ ...(storage ? { storage } : {}), settings: { partSizeBytes: 5 * MiB } });
    grace = await login(t.stack, 'grace@skillgraph.dev');
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    await s3?.stop();
    s3 = undefined;
  });

  const usage = async () => ok(await grace.gql<{ me: { mediaUsage: { bytes: number; files: number } } }>(USAGE)).me.mediaUsage;

  it('presigned PUT: reserve, PUT the bytes, confirm (size and magic bytes checked), then serve them', async () => {
    const bytes = await pngBytes(120, 120);
    const before = await usage();
    const created = ok(
      await grace.gql<{
        createUpload: {
          asset: { id: string; status: string };
          uploadUrl: string;
          method: string;
          headers: { name: string; value: string }[];
          expiresAt: string;
        };
      }>(CREATE_UPLOAD, {
        input: { filename: 'direct.png', contentType: 'image/png', size: bytes.length, kind: 'IMAGE' },
      }),
    ).createUpload;
    expect(created.asset.status).toBe('PENDING_UPLOAD');
    expect(created.method).toBe('PUT');
    const lifetime = new Date(created.expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000);
    expect(await usage()).toEqual({ bytes: before.bytes + bytes.length, files: before.files + 1 });

    // Confirming before the bytes arrive is refused and changes nothing.
    expect((await grace.gql(CONFIRM, { id: created.asset.id })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assetId' });
    const put = await fetch(created.uploadUrl, { method: 'PUT', headers: Object.fromEntries(created.headers.map((h) => [h.name, h.value])), body: bytes });
    expect(put.status).toBe(200);
    const confirmed = ok(
      await grace.gql<{ confirmUpload: { status: string; size: number; contentType: string } }>(CONFIRM, { id: created.asset.id }),
    ).confirmUpload;
    expect(confirmed).toMatchObject({ status: 'UPLOADED', size: bytes.length, contentType: 'image/png' });

    await markScanned(t.assets, created.asset.id);
    const { url } = ok(await grace.gql<{ mediaAsset: { url: { url: string } } }>(ASSET, { id: created.asset.id })).mediaAsset.url;
    const fetched = await download(url);
    expect(sha256(fetched.bytes)).toBe(sha256(bytes));
    expect(fetched.headers.get('content-type')).toBe('image/png');
  });

  it('presigned PUT of bytes that are not what was announced: FAILED with the reason, bytes removed, quota given back', async () => {
    const bytes = exeBytes();
    const before = await usage();
    const created = ok(
      await grace.gql<{ createUpload: { asset: { id: string }; uploadUrl: string; headers: { name: string; value: string }[] } }>(CREATE_UPLOAD, {
        input: { filename: 'innocent.png', contentType: 'image/png', size: bytes.length, kind: 'IMAGE' },
      }),
    ).createUpload;
    await fetch(created.uploadUrl, { method: 'PUT', headers: Object.fromEntries(created.headers.map((h) => [h.name, h.value])), body: bytes });
    expect((await grace.gql(CONFIRM, { id: created.asset.id })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assetId' });
    const asset = ok(await grace.gql<{ mediaAsset: { status: string; failureReason: string; url: null } }>(ASSET, { id: created.asset.id })).mediaAsset;
    expect(asset).toMatchObject({ status: 'FAILED', url: null });
    expect(asset.failureReason).toMatch(/content/);
    expect(await t.media.storage.list(`staging/${created.asset.id}/`)).toEqual([]);
    expect(await usage()).toEqual(before);
  });

  it('resumable multipart: part 1, an interruption, fresh URLs for the rest, complete: identical bytes', async () => {
    const bytes = Buffer.concat([await pngBytes(64, 64), randomBytes(11 * MiB)]);
    const created = ok(
      await grace.gql<{ createMultipartUpload: { asset: { id: string }; partSize: number; partCount: number; parts: { partNumber: number; url: string }[] } }>(
        CREATE_MULTIPART,
        {
          input: { filename: 'large.png', contentType: 'image/png', size: bytes.length, kind: 'IMAGE' },
        },
      ),
    ).createMultipartUpload;
    expect(created.partSize).toBe(5 * MiB);
    expect(created.partCount).toBe(3);
    const partBytes = (n: number) => bytes.subarray((n - 1) * created.partSize, n * created.partSize);
    const send = async (n: number, url: string) => {
      const response = await fetch(url, { method: 'PUT', body: partBytes(n) });
      expect(response.status).toBe(200);
      return response.headers.get('etag')!;
    };
    const etags = new Map<number, string>([[1, await send(1, created.parts[0]!.url)]]);
    // The client went away after part 1; coming back, it asks for fresh URLs for parts 2 and 3 only.
    const fresh = ok(
      await grace.gql<{ uploadPartUrls: { partNumber: number; url: string }[] }>(PART_URLS, { id: created.asset.id, parts: [2, 3] }),
    ).uploadPartUrls;
    expect(fresh.map((part) => part.partNumber)).toEqual([2, 3]);
    for (const part of fresh) etags.set(part.partNumber, await send(part.partNumber, part.url));
    // Asking for a part that does not exist is refused.
    expect((await grace.gql(PART_URLS, { id: created.asset.id, parts: [4] })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'partNumbers',
    });

    const parts = [...etags].map(([partNumber, etag]) => ({ partNumber, etag }));
    const completed = ok(
      await grace.gql<{ completeMultipartUpload: { status: string; size: number } }>(COMPLETE, { id: created.asset.id, parts }),
    ).completeMultipartUpload;
    expect(completed).toMatchObject({ status: 'UPLOADED', size: bytes.length });
    await markScanned(t.assets, created.asset.id);
    const { url } = ok(await grace.gql<{ mediaAsset: { url: { url: string } } }>(ASSET, { id: created.asset.id })).mediaAsset.url;
    expect(sha256((await download(url)).bytes)).toBe(sha256(bytes));
  });

  it('GraphQL multipart streams into this store too, and a course cover set from it shows on the course', async () => {
    const bytes = await pngBytes(90, 90);
    const { id } = ok(
      await uploadThroughGateway(t.stack, grace, { bytes, filename: 'cover.png', mimetype: 'image/png', kind: 'IMAGE', purpose: 'COURSE_COVER' }),
    ).uploadMedia;
    const stored = await t.assets.findById(id);
    expect((await t.media.storage.head(stored!.blobKey!))?.size).toBe(bytes.length);
    await markScanned(t.assets, id);
    const { createCourse } = ok(await grace.gql<{ createCourse: { id: string } }>('mutation { createCourse(input: { title: "Covered course" }) { id } }'));
    await onceProjected('the course to reach the media subgraph', () =>
      grace.gql('mutation ($c: ID!, $a: ID!) { setCourseCover(courseId: $c, assetId: $a) { id } }', { c: createCourse.id, a: id }),
    );
    const course = ok(
      await grace.gql<{ course: { coverImage: { id: string; url: { url: string; expiresAt: string | null } } } }>(
        'query ($id: ID!) { course(id: $id) { coverImage { id url { url expiresAt } } } }',
        { id: createCourse.id },
      ),
    );
    expect(course.course.coverImage.id).toBe(id);
    // Covers are public content: unsigned, no expiry; the file route serves them once the course is visible to the caller.
    expect(course.course.coverImage.url.expiresAt).toBeNull();
    const fetched = await download(course.course.coverImage.url.url, { authorization: `Bearer ${grace.token}` });
    expect(sha256(fetched.bytes)).toBe(sha256(bytes));
  });

  it('abortUpload gives the quota back and the asset disappears', async () => {
    const before = await usage();
    const created = ok(
      await grace.gql<{ createMultipartUpload: { asset: { id: string } } }>(CREATE_MULTIPART, {
        input: { filename: 'gone.mp4', contentType: 'video/mp4', size: 12 * MiB, kind: 'VIDEO' },
      }),
    ).createMultipartUpload;
    expect((await usage()).bytes).toBe(before.bytes + 12 * MiB);
    expect(ok(await grace.gql<{ abortUpload: boolean }>('mutation ($id: ID!) { abortUpload(assetId: $id) }', { id: created.asset.id })).abortUpload).toBe(true);
    expect(await usage()).toEqual(before);
    expect(ok(await grace.gql<{ mediaAsset: null }>(ASSET, { id: created.asset.id })).mediaAsset).toBeNull();
  });
});
