import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { runIf } from '../../../../test/support/skips';
import { ObjectChangedError, RangeNotSatisfiableError, type ObjectStorage, type StagedUploadState } from '../../src/storage';
import { startEmbeddedTestStorage, startS3TestStorage, type TestStorage } from './storage-harness';

/**
 * One contract for every storage adapter that runs on this machine: embedded files and S3 (s3rver).
 * s3rver 3.7 implements create/upload-part/complete but not ListParts, AbortMultipartUpload or
 * ListMultipartUploads (it answers MethodNotAllowed), so those three are checked on the embedded
 * adapter here and on MinIO in docker-compose; the resumable flow itself (the client keeps its part
 * ETags) runs on both.
 */
const adapters: [string, () => Promise<TestStorage>, { multipartBookkeeping: boolean }][] = [
  ['embedded', startEmbeddedTestStorage, { multipartBookkeeping: true }],
  ['s3 (s3rver)', startS3TestStorage, { multipartBookkeeping: false }],
];

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function bytesOf(storage: ObjectStorage, key: string): Promise<Buffer | null> {
  const found = await storage.get(key);
  return found ? readAll(found.body) : null;
}

const MiB = 1024 * 1024;
const inAnHour = () => new Date(Date.now() + 3_600_000);

describe.each(adapters)('object storage contract: %s', (_name, start, { multipartBookkeeping }) => {
  let t: TestStorage;
  beforeAll(async () => {
    t = await start();
  });
  afterAll(async () => t.stop());

  it('streams an object in and out byte for byte, heads it and deletes it', async () => {
    const bytes = randomBytes(3 * MiB + 17);
    const stored = await t.storage.put('blobs/round-trip', Readable.from([bytes.subarray(0, MiB), bytes.subarray(MiB)]), {
      contentType: 'application/octet-stream',
    });
    expect(stored.size).toBe(bytes.length);
    expect((await t.storage.head('blobs/round-trip'))?.size).toBe(bytes.length);
    expect(sha256((await bytesOf(t.storage, 'blobs/round-trip'))!)).toBe(sha256(bytes));
    await t.storage.delete('blobs/round-trip');
    expect(await t.storage.head('blobs/round-trip')).toBeNull();
    expect(await t.storage.get('blobs/round-trip')).toBeNull();
    await t.storage.delete('blobs/round-trip'); // deleting twice is fine
  });

  it('reads byte ranges, clamps an end past the size, and refuses a range starting past it', async () => {
    const bytes = Buffer.from('0123456789abcdefghij');
    await t.storage.put('blobs/ranged', Readable.from([bytes]));
    const first = await t.storage.get('blobs/ranged', { start: 0, end: 4 });
    expect((await readAll(first!.body)).toString()).toBe('01234');
    const tail = await t.storage.get('blobs/ranged', { start: 15, end: 1000 });
    expect((await readAll(tail!.body)).toString()).toBe('fghij');
    await expect(t.storage.get('blobs/ranged', { start: 20, end: 25 })).rejects.toBeInstanceOf(RangeNotSatisfiableError);
  });

  it('lists keys under a prefix', async () => {
    for (const key of ['assets/a1/thumbnails/160.webp', 'assets/a1/hls/master.m3u8', 'assets/a2/poster.jpg'])
      await t.storage.put(key, Readable.from([Buffer.from(key)]));
    expect(await t.storage.list('assets/a1/')).toEqual(['assets/a1/hls/master.m3u8', 'assets/a1/thumbnails/160.webp']);
  });

  it('refuses keys that could escape the store', async () => {
    for (const key of ['../etc/passwd', 'a//b', '/abs', 'a/../b', 'with space']) {
      await expect(t.storage.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(/invalid object key/);
    }
  });

  it('accepts a presigned PUT from the client, until it expires', async () => {
    const bytes = randomBytes(64 * 1024);
    const request = await t.storage.presignPut('uploads/presigned', { expiresAt: inAnHour(), contentType: 'image/png', contentLength: bytes.length });
    expect(request.method).toBe('PUT');
    const response = await fetch(request.url, { method: 'PUT', headers: request.headers, body: bytes });
    expect(response.status).toBe(200);
    expect(sha256((await bytesOf(t.storage, 'uploads/presigned'))!)).toBe(sha256(bytes));

    const expired = await t.storage.presignPut('uploads/too-late', {
      expiresAt: new Date(Date.now() + 1_000),
      contentType: 'image/png',
      contentLength: bytes.length,
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() <= expired.expiresAt.getTime() + 1_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const late = await fetch(expired.url, { method: 'PUT', headers: expired.headers, body: bytes });
    expect(late.status).toBe(403);
    expect(await t.storage.head('uploads/too-late')).toBeNull();
  });

  it('runs a multipart upload that resumes after an interruption, and lists it while incomplete', async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(1234)];
    const key = 'uploads/multipart';
    const uploadId = await t.storage.createMultipartUpload(key, { contentType: 'video/mp4' });
    const send = async (index: number) => {
      const request = await t.storage.presignPart(key, uploadId, index + 1, { expiresAt: inAnHour(), contentLength: parts[index]!.length });
      const response = await fetch(request.url, { method: 'PUT', headers: request.headers, body: parts[index]! });
      expect(response.status).toBe(200);
      return response.headers.get('etag');
    };
    const etags = [await send(0)];
    if (multipartBookkeeping) {
      // "Interrupted" here: the client comes back later and asks which parts arrived.
      const received = await t.storage.listParts(key, uploadId);
      expect(received.map((part) => part.partNumber)).toEqual([1]);
      expect(received[0]!.etag).toBe(etags[0]);
      expect((await t.storage.listIncompleteUploads()).some((upload) => upload.uploadId === uploadId && upload.key === key)).toBe(true);
    }
    etags.push(await send(1), await send(2));
    const stored = await t.storage.completeMultipartUpload(
      key,
      uploadId,
      etags.map((etag, index) => ({ partNumber: index + 1, etag: etag! })),
    );
    expect(stored.size).toBe(5 * MiB * 2 + 1234);
    expect(sha256((await bytesOf(t.storage, key))!)).toBe(sha256(Buffer.concat(parts)));
    if (multipartBookkeeping) expect((await t.storage.listIncompleteUploads()).some((upload) => upload.uploadId === uploadId)).toBe(false);
  });

  runIf(
    multipartBookkeeping,
    `not applicable to the ${_name} adapter: it keeps no multipart bookkeeping to inspect`,
    it,
  )('aborts a multipart upload, leaving nothing', async () => {
    const key = 'uploads/aborted';
    const uploadId = await t.storage.createMultipartUpload(key, { contentType: 'video/mp4' });
    const request = await t.storage.presignPart(key, uploadId, 1, { expiresAt: inAnHour(), contentLength: 1024 });
    await fetch(request.url, { method: 'PUT', headers: request.headers, body: randomBytes(1024) });
    await t.storage.abortMultipartUpload(key, uploadId);
    expect((await t.storage.listIncompleteUploads()).some((upload) => upload.uploadId === uploadId)).toBe(false);
    expect(await t.storage.head(key)).toBeNull();
  });

  it('promotes checked bytes to an immutable key: never over an existing object, never a version other than the one checked', async () => {
    const first = randomBytes(2048);
    await t.storage.put('staging/p1/a', Readable.from([first]));
    const checked = await t.storage.head('staging/p1/a');
    expect(await t.storage.promote('staging/p1/a', 'blobs/promoted', { ifMatch: checked!.etag! })).toBe('moved');
    expect(await t.storage.head('staging/p1/a')).toBeNull();
    expect(sha256((await bytesOf(t.storage, 'blobs/promoted'))!)).toBe(sha256(first));

    // A second copy of "the same" key is dropped, the blob keeps its bytes.
    await t.storage.put('staging/p2/a', Readable.from([randomBytes(2048)]));
    expect(await t.storage.promote('staging/p2/a', 'blobs/promoted')).toBe('exists');
    expect(await t.storage.head('staging/p2/a')).toBeNull();
    expect(sha256((await bytesOf(t.storage, 'blobs/promoted'))!)).toBe(sha256(first));
  });

  (multipartBookkeeping ? it : it.skip)('refuses to promote a staged object replaced after it was checked', async () => {
    // (s3rver ignores x-amz-copy-source-if-match; S3 and MinIO answer 412, mapped to the same error.)
    await t.storage.put('staging/p3/a', Readable.from([randomBytes(100)]));
    const checked = await t.storage.head('staging/p3/a');
    await t.storage.put('staging/p3/a', Readable.from([randomBytes(100)]));
    await expect(t.storage.promote('staging/p3/a', 'blobs/never', { ifMatch: checked!.etag! })).rejects.toBeInstanceOf(ObjectChangedError);
    expect(await t.storage.head('blobs/never')).toBeNull();
  });
});

describe('embedded upload route: only awaited uploads, never more than announced', () => {
  let t: TestStorage;
  const states = new Map<string, StagedUploadState>();
  beforeAll(async () => {
    t = await startEmbeddedTestStorage(async (key) => states.get(key) ?? 'gone');
  });
  afterAll(async () => t.stop());

  it('answers 409 once the upload is closed, 410 once it is gone, and stores nothing then', async () => {
    const bytes = randomBytes(1000);
    const request = await t.storage.presignPut('staging/r1/x', { expiresAt: inAnHour(), contentType: 'image/png', contentLength: bytes.length });
    states.set('staging/r1/x', 'awaiting');
    expect((await fetch(request.url, { method: 'PUT', headers: request.headers, body: bytes })).status).toBe(200);
    await t.storage.delete('staging/r1/x');
    states.set('staging/r1/x', 'closed');
    expect((await fetch(request.url, { method: 'PUT', headers: request.headers, body: bytes })).status).toBe(409);
    states.set('staging/r1/x', 'gone');
    expect((await fetch(request.url, { method: 'PUT', headers: request.headers, body: bytes })).status).toBe(410);
    expect(await t.storage.head('staging/r1/x')).toBeNull();
  });

  it('signs the announced size and answers 413 past it, declared or streamed, keeping nothing', async () => {
    const request = await t.storage.presignPut('staging/r2/x', { expiresAt: inAnHour(), contentType: 'image/png', contentLength: 10 });
    states.set('staging/r2/x', 'awaiting');
    expect(new URL(request.url).searchParams.get('size')).toBe('10');
    expect((await fetch(request.url, { method: 'PUT', body: randomBytes(11) })).status).toBe(413);
    const streamed = Readable.toWeb(Readable.from([randomBytes(6), randomBytes(6)])) as ReadableStream<Uint8Array>;
    expect((await fetch(request.url, { method: 'PUT', body: streamed, duplex: 'half' } as RequestInit)).status).toBe(413);
    expect(await t.storage.head('staging/r2/x')).toBeNull();
    // Changing the signed size breaks the signature.
    const forged = new URL(request.url);
    forged.searchParams.set('size', '1000000');
    expect((await fetch(forged, { method: 'PUT', body: randomBytes(11) })).status).toBe(403);
  });
});

describe('S3 presigned requests bind the bytes', () => {
  let t: TestStorage;
  beforeAll(async () => {
    t = await startS3TestStorage();
  });
  afterAll(async () => t.stop());

  // s3rver does not check signatures, so this asserts what S3 checks: the headers signed.
  it('a presigned PUT signs content-length (and x-amz-checksum-sha256 when a hash was announced)', async () => {
    const bytes = randomBytes(500);
    const plain = await t.storage.presignPut('staging/s1/x', { expiresAt: inAnHour(), contentType: 'image/png', contentLength: bytes.length });
    expect(new URL(plain.url).searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host']));
    expect(plain.headers).toMatchObject({ 'content-length': '500', 'content-type': 'image/png' });

    const hashed = await t.storage.presignPut('staging/s1/y', {
      expiresAt: inAnHour(),
      contentType: 'image/png',
      contentLength: bytes.length,
      sha256: sha256(bytes),
    });
    const url = new URL(hashed.url);
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(expect.arrayContaining(['content-length', 'x-amz-checksum-sha256']));
    // Signed as a header the client must send, not hoisted into the query where it could be left out.
    expect(url.searchParams.has('x-amz-checksum-sha256')).toBe(false);
    expect(hashed.headers['x-amz-checksum-sha256']).toBe(createHash('sha256').update(bytes).digest('base64'));
    expect((await fetch(hashed.url, { method: 'PUT', headers: hashed.headers, body: bytes })).status).toBe(200);
  });

  it('a presigned part signs its content-length', async () => {
    const uploadId = await t.storage.createMultipartUpload('staging/s2/x', { contentType: 'video/mp4' });
    const part = await t.storage.presignPart('staging/s2/x', uploadId, 1, { expiresAt: inAnHour(), contentLength: 5 * MiB });
    expect(new URL(part.url).searchParams.get('X-Amz-SignedHeaders')?.split(';')).toContain('content-length');
    expect(part.headers).toEqual({ 'content-length': String(5 * MiB) });
  });
});
