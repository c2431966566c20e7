import { Readable } from 'node:stream';
import { COURSE_AUTHORING, login, ok, onceProjected, register, type Client } from './support/learning-loop';
import { download, markScanned, pngBytes, sha256, startMediaStack, uploadThroughGateway, type MediaTestStack } from './support/media';

/** Serving: Range per RFC 9110, dedup by SHA-256, renditions, and who may see course media. */
let t: MediaTestStack;
let grace: Client;
beforeAll(async () => {
  t = await startMediaStack();
  grace = await login(t.stack, 'grace@skillgraph.dev');
}, 180_000);
afterAll(async () => t?.stop());

const URL_OF = `query ($id: ID!) { mediaAsset(id: $id) { id url { url expiresAt } } }`;

async function uploadedAndScanned(client: Client, bytes: Buffer, filename = 'figure.png') {
  const { id } = ok(await uploadThroughGateway(t.stack, client, { bytes, filename, mimetype: 'image/png', kind: 'IMAGE' })).uploadMedia;
  await markScanned(t.assets, id);
  const { mediaAsset } = ok(await client.gql<{ mediaAsset: { url: { url: string } } }>(URL_OF, { id }));
  return { id, url: mediaAsset.url.url };
}

describe('Range requests on the file route', () => {
  let bytes: Buffer;
  let url: string;
  beforeAll(async () => {
    bytes = await pngBytes(96, 96);
    ({ url } = await uploadedAndScanned(grace, bytes));
  });

  it('answers bytes=0-99 with 206 and exactly those bytes', async () => {
    const part = await download(url, { range: 'bytes=0-99' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${bytes.length}`);
    expect(part.headers.get('content-length')).toBe('100');
    expect(part.bytes.equals(bytes.subarray(0, 100))).toBe(true);
  });

  it('answers a suffix range with the last bytes, and an open range to the end', async () => {
    const suffix = await download(url, { range: 'bytes=-500' });
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get('content-range')).toBe(`bytes ${bytes.length - 500}-${bytes.length - 1}/${bytes.length}`);
    expect(suffix.bytes.equals(bytes.subarray(bytes.length - 500))).toBe(true);
    const open = await download(url, { range: `bytes=${bytes.length - 10}-` });
    expect(open.bytes.equals(bytes.subarray(bytes.length - 10))).toBe(true);
  });

  it('answers 416 with the size for a range past the end, and the whole file for a malformed range', async () => {
    const unsatisfiable = await download(url, { range: `bytes=${bytes.length}-${bytes.length + 10}` });
    expect(unsatisfiable.status).toBe(416);
    expect(unsatisfiable.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    const malformed = await download(url, { range: 'bytes=abc' });
    expect(malformed.status).toBe(200);
    expect(sha256(malformed.bytes)).toBe(sha256(bytes));
  });

  it('answers 304 to a matching If-None-Match', async () => {
    expect((await download(url, { 'if-none-match': `"${sha256(bytes)}"` })).status).toBe(304);
  });

  it('answers 403 to a genuine URL past its expiry', async () => {
    const path = new URL(url).pathname;
    const expired = `${t.origin}${path}?${t.media.signer.sign('GET', path, new Date(Date.now() - 1_000))}`;
    const response = await download(expired);
    expect(response.status).toBe(403);
    expect(response.bytes.toString()).toMatch(/expired/);
  });
});

describe('dedup by SHA-256', () => {
  it('stores one blob for two uploads of the same bytes, keeps it while one asset uses it, removes it after both are deleted', async () => {
    const bytes = await pngBytes(80, 80);
    const alan = await login(t.stack, 'alan@skillgraph.dev');
    const first = await uploadedAndScanned(grace, bytes, 'first.png');
    const second = await uploadedAndScanned(alan, bytes, 'second.png');
    const [a, b] = await Promise.all([t.assets.findById(first.id), t.assets.findById(second.id)]);
    expect(a!.blobKey).toBe(b!.blobKey);
    const blob = await t.blobs.findBySha256(sha256(bytes));
    expect(blob?.references).toBe(2);
    expect(a!.blobKey).toBe(`blobs/${sha256(bytes)}`);
    expect(await t.media.storage.list('blobs/')).toContain(a!.blobKey);
    // The second upload's own copy went: nothing staged or incoming is left for either asset.
    expect([...(await t.media.storage.list('incoming/')), ...(await t.media.storage.list('staging/'))]).toEqual([]);
    expect(sha256((await download(second.url)).bytes)).toBe(sha256(bytes));

    expect(ok(await grace.gql<{ deleteMedia: boolean }>('mutation ($id: ID!) { deleteMedia(id: $id) }', { id: first.id })).deleteMedia).toBe(true);
    expect(await t.media.storage.head(a!.blobKey!)).not.toBeNull();
    expect((await download(first.url)).status).toBe(404);
    expect((await download(second.url)).status).toBe(200);
    expect(ok(await alan.gql<{ mediaAsset: null }>(URL_OF, { id: first.id })).mediaAsset).toBeNull();

    ok(await alan.gql('mutation ($id: ID!) { deleteMedia(id: $id) }', { id: second.id }));
    expect(await t.media.storage.head(a!.blobKey!)).toBeNull();
    expect(await t.blobs.findBySha256(sha256(bytes))).toBeNull();
    // Someone else's asset cannot be deleted by a student.
    const third = await uploadedAndScanned(grace, await pngBytes(20, 20), 'third.png');
    const student = await register(t.stack, 'Deleting Student');
    expect((await student.gql('mutation ($id: ID!) { deleteMedia(id: $id) }', { id: third.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('course media access', () => {
  const LESSON_MEDIA = `query ($id: ID!) { mediaAsset(id: $id) { id url { url } } }`;

  it("serves a published course's lesson media to students, and a draft course's only to its instructor and admins", async () => {
    const { createCourse } = ok(await grace.gql<{ createCourse: { id: string } }>(COURSE_AUTHORING.create, { title: 'Media access course' }));
    const { addLesson } = ok(
      await grace.gql<{ addLesson: { lessons: { id: string }[] } }>(COURSE_AUTHORING.addLesson, { id: createCourse.id, title: 'With a figure' }),
    );
    const lessonId = addLesson.lessons[0]!.id;
    const { id, url } = await uploadedAndScanned(grace, await pngBytes(40, 40), 'lesson-figure.png');
    // The media subgraph learns of the lesson from course events: retried until its projection has it.
    await onceProjected('the lesson to reach the media subgraph', () =>
      grace.gql('mutation ($l: ID!, $a: ID!) { attachLessonMedia(lessonId: $l, assetId: $a) { id } }', { l: lessonId, a: id }),
    );

    const student = await register(t.stack, 'Course Student');
    const admin = await login(t.stack, 'admin@skillgraph.dev');
    const unsigned = `${t.origin}/files/${id}/original`;
    // Draft: the student neither sees the asset nor gets its bytes; instructor and admin do.
    expect(ok(await student.gql<{ mediaAsset: null }>(LESSON_MEDIA, { id })).mediaAsset).toBeNull();
    expect((await download(unsigned, { authorization: `Bearer ${student.token}` })).status).toBe(403);
    expect((await download(unsigned)).status).toBe(403);
    expect((await download(unsigned, { authorization: `Bearer ${grace.token}` })).status).toBe(200);
    expect((await download(unsigned, { authorization: `Bearer ${admin.token}` })).status).toBe(200);
    expect(ok(await admin.gql<{ mediaAsset: { id: string } }>(LESSON_MEDIA, { id })).mediaAsset.id).toBe(id);
    // Another instructor may not attach media to grace's lesson.
    const alan = await login(t.stack, 'alan@skillgraph.dev');
    const alans = await uploadedAndScanned(alan, await pngBytes(30, 30), 'alan.png');
    expect(
      (await alan.gql('mutation ($l: ID!, $a: ID!) { attachLessonMedia(lessonId: $l, assetId: $a) { id } }', { l: lessonId, a: alans.id })).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    // Nor may grace attach alan's file.
    expect(
      (await grace.gql('mutation ($l: ID!, $a: ID!) { attachLessonMedia(lessonId: $l, assetId: $a) { id } }', { l: lessonId, a: alans.id })).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');

    ok(await grace.gql(COURSE_AUTHORING.publish, { id: createCourse.id }));
    const seen = await onceProjected('the course to be published in the media projection', async () => {
      const response = await student.gql<{ mediaAsset: { url: { url: string } } | null }>(LESSON_MEDIA, { id });
      return response.data?.mediaAsset ? response : { ...response, errors: [{ message: 'not yet', extensions: { code: 'NOT_FOUND' } }] };
    });
    expect(sha256((await download(seen.mediaAsset!.url.url)).bytes)).toBe(sha256((await download(url)).bytes));
    expect((await download(unsigned, { authorization: `Bearer ${student.token}` })).status).toBe(200);
    // Lesson.media through the courses subgraph's lesson.
    const lessons = ok(
      await student.gql<{ course: { lessons: { media: { id: string }[] | null }[] } }>('query ($id: ID!) { course(id: $id) { lessons { media { id } } } }', {
        id: createCourse.id,
      }),
    );
    expect(lessons.course.lessons[0]!.media).toEqual([{ id }]);
  });

  it('serves renditions: the nearest thumbnail, and a whole HLS folder under one signature', async () => {
    const { id } = await uploadedAndScanned(grace, await pngBytes(50, 50), 'video-ish.png');
    const asset = (await t.assets.findById(id))!;
    const thumb = await pngBytes(16, 16);
    await t.media.storage.put(`${asset.derivedPrefix}thumbnails/320.webp`, Readable.from([thumb]));
    await t.media.storage.put(`${asset.derivedPrefix}hls/master.m3u8`, Readable.from([Buffer.from('#EXTM3U\n')]));
    await t.media.storage.put(`${asset.derivedPrefix}hls/720p/segment-0.ts`, Readable.from([Buffer.from('segment')]));
    await t.media.storage.put(`${asset.derivedPrefix}poster.jpg`, Readable.from([Buffer.from('poster')]));
    const query = `query ($id: ID!) { mediaAsset(id: $id) { thumbnailUrl(size: 200) { url expiresAt } playbackUrl { url expiresAt } renditions { thumbnails { width } hls } } }`;
    expect(ok(await grace.gql<{ mediaAsset: { thumbnailUrl: null; playbackUrl: null } }>(query, { id })).mediaAsset).toMatchObject({
      thumbnailUrl: null,
      playbackUrl: null,
    });
    await t.assets.transition(id, ['CLEAN'], 'PROCESSING');
    await t.assets.updateDerivatives(id, {
      progress: 100,
      renditions: {
        thumbnails: [
          { width: 160, key: `${asset.derivedPrefix}thumbnails/160.webp`, contentType: 'image/webp' },
          { width: 320, key: `${asset.derivedPrefix}thumbnails/320.webp`, contentType: 'image/webp' },
        ],
        hls: { folder: `${asset.derivedPrefix}hls/`, masterKey: `${asset.derivedPrefix}hls/master.m3u8` },
      },
    });
    const { mediaAsset } = ok(
      await grace.gql<{
        mediaAsset: { thumbnailUrl: { url: string }; playbackUrl: { url: string }; renditions: { thumbnails: { width: number }[]; hls: boolean } };
      }>(query, { id }),
    );
    expect(mediaAsset.renditions).toEqual({ thumbnails: [{ width: 160 }, { width: 320 }], hls: true });
    const thumbnail = await download(mediaAsset.thumbnailUrl.url);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    expect(thumbnail.bytes.equals(thumb)).toBe(true);

    const master = new URL(mediaAsset.playbackUrl.url);
    expect((await download(master.toString())).bytes.toString()).toBe('#EXTM3U\n');
    const segment = new URL(master);
    segment.pathname = master.pathname.replace('master.m3u8', '720p/segment-0.ts');
    const fetchedSegment = await download(segment.toString());
    expect(fetchedSegment.status).toBe(200);
    expect(fetchedSegment.headers.get('content-type')).toBe('video/mp2t');
    // The folder signature does not reach outside the folder.
    const outside = new URL(master);
    outside.pathname = master.pathname.replace('hls/master.m3u8', 'poster.jpg');
    expect((await download(outside.toString())).status).toBe(403);
  });
});
