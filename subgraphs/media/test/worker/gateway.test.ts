import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createLogger } from '@skillgraph/platform';
import {
  COURSE_AUTHORING,
  eventually,
  login,
  ok,
  onceProjected,
  recordTopics,
  register,
  type Client,
} from '../../../../packages/stack/test/support/learning-loop';
import { download, startMediaStack, uploadThroughGateway, type MediaTestStack } from '../../../../packages/stack/test/support/media';
import { loadWorkerConfig } from '../../src/worker/config';
import { clamdAvailable, ensureClamd } from '../processing/support/clamd';
import { hugePng } from '../../../../test/security/support/bombs';
import { EICAR, makeCorruptMp4, makeDocx, makeJpegWithGps, makePdf, makePng, makeVideo } from '../processing/support/fixtures';

/**
 * The whole system in one process with the media worker on, files uploaded through the gateway
 * (GraphQL multipart), and what clients then see: status, verdict, renditions and signed URLs.
 */
const withClamd = clamdAvailable();

const ASSET = `query ($id: ID!) { mediaAsset(id: $id) {
  id status scanVerdict progress failureReason
  renditions { thumbnails { width height } hls pageCount durationSeconds width height }
  url { url } thumbnail: thumbnailUrl(size: 480) { url } playbackUrl { url }
} }`;
interface AssetView {
  id: string;
  status: string;
  scanVerdict: string | null;
  progress: number | null;
  failureReason: string | null;
  renditions: {
    thumbnails: { width: number; height: number | null }[];
    hls: boolean;
    pageCount: number | null;
    durationSeconds: number | null;
    width: number | null;
    height: number | null;
  } | null;
  url: { url: string } | null;
  thumbnail: { url: string } | null;
  playbackUrl: { url: string } | null;
}

describe('media worker in the one-process stack (uploads through the gateway)', () => {
  let t: MediaTestStack;
  let grace: Client;
  let files: string;
  jest.setTimeout(120_000);

  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'media-e2e-'));
    // Made before the stack starts: ffmpeg through spawnSync would stall the gateway's event loop.
    await makePng(join(files, 'innocent.png'), 64, 64);
    await makePng(join(files, 'diagram.png'), 1000, 500);
    await makeJpegWithGps(join(files, 'trip.jpg'), 1200, 800);
    makeVideo(join(files, 'lecture.mp4'), { width: 1280, height: 720, seconds: 4 });
    await makePdf(join(files, 'notes.pdf'), ['Federation basics', 'Entities and keys']);
    await makeDocx(join(files, 'essay.docx'), ['Supergraph composition explained'], 1);
    await makeCorruptMp4(join(files, 'broken.mp4'));
    await writeFile(join(files, 'huge.png'), hugePng(50_000, 50_000));
    const clamd = withClamd ? ensureClamd() : undefined;
    const config = loadWorkerConfig({
      MEDIA_WORKER_TMP_DIR: join(files, 'work'),
      MEDIA_WORKER_MAX_ATTEMPTS: '2',
      MEDIA_WORKER_RETRY_BACKOFF_MS: '100',
      ...(clamd ? { CLAMAV_HOST: clamd.host, CLAMAV_PORT: String(clamd.port) } : {}),
    });
    t = await startMediaStack({ stack: { mediaWorker: config, ...(process.env.DBG ? { logger: createLogger({ service: 'e2e', level: 'warn' }) } : {}) } });
    grace = await login(t.stack, 'grace@skillgraph.dev');
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    await rm(files, { recursive: true, force: true });
  });

  const upload = async (file: string, filename: string, mimetype: string, kind: 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'AUDIO') =>
    ok(await uploadThroughGateway(t.stack, grace, { bytes: await readFile(file), filename, mimetype, kind })).uploadMedia.id;
  const stored = async (key: string): Promise<Buffer> => {
    const object = await t.media.storage.get(key);
    const chunks: Buffer[] = [];
    for await (const chunk of object!.body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const view = async (id: string) => ok(await grace.gql<{ mediaAsset: AssetView }>(ASSET, { id })).mediaAsset;
  const settled = (id: string, status: string, timeoutMs = 60_000) =>
    eventually(
      `asset ${id} ${status}`,
      async () => {
        const asset = await view(id);
        return asset.status === status
          ? asset
          : asset.status === 'FAILED' || asset.status === 'INFECTED'
            ? Promise.reject(new Error(`ended ${asset.status}: ${asset.failureReason}`))
            : undefined;
      },
      timeoutMs,
    );

  (withClamd ? it : it.skip)('the EICAR test file ends INFECTED within seconds, MEDIA_INFECTED published, nothing served, bytes under quarantine', async () => {
    const events = await recordTopics(t.stack.bus, ['media.events']);
    // A real PNG with the EICAR string after its end: it passes the type checks, clamd finds it.
    const bytes = Buffer.concat([await readFile(join(files, 'innocent.png')), Buffer.from(EICAR)]);
    const id = ok(await uploadThroughGateway(t.stack, grace, { bytes, filename: 'innocent.png', mimetype: 'image/png', kind: 'IMAGE' })).uploadMedia.id;

    const infected = await settled(id, 'INFECTED', 15_000);
    expect(infected).toMatchObject({ scanVerdict: 'INFECTED', url: null, thumbnail: null, playbackUrl: null, renditions: null });
    // Its owner (and admins) learn why, in words; nobody else sees the asset at all.
    expect(infected.failureReason).toMatch(/^Malware was found in the file \(.+\); it has been quarantined and will never be served\.$/);
    const admin = await login(t.stack, 'admin@skillgraph.dev');
    expect(ok(await admin.gql<{ mediaAsset: AssetView }>(ASSET, { id })).mediaAsset.failureReason).toBe(infected.failureReason);
    const stranger = await register(t.stack, 'Infected Stranger');
    expect(ok(await stranger.gql<{ mediaAsset: AssetView | null }>(ASSET, { id })).mediaAsset).toBeNull();
    const record = await t.assets.findById(id);
    expect(record?.failureReason).toContain('Malware was found');
    expect(record?.blobKey?.startsWith('quarantine/')).toBe(true);
    expect(await t.media.storage.head(record!.blobKey!)).not.toBeNull();
    expect(await t.media.storage.head(record!.blobKey!.slice('quarantine/'.length))).toBeNull();

    await eventually('MEDIA_INFECTED', async () => events.received.some((event) => event.key === id && event.value.event_type === 'MEDIA_INFECTED'));
    await events.stop();
    expect(events.received.filter((event) => event.key === id).map((event) => event.value.event_type)).toEqual([
      'MEDIA_UPLOADED',
      'MEDIA_SCAN_STARTED',
      'MEDIA_INFECTED',
    ]);
  });

  it('a PNG becomes READY with thumbnails of the right sizes whose WebP decodes; a JPEG with GPS has no EXIF in its renditions', async () => {
    const png = await settled(await upload(join(files, 'diagram.png'), 'diagram.png', 'image/png', 'IMAGE'), 'READY');
    expect(png.scanVerdict).toBe(withClamd ? 'CLEAN' : 'NOT_SCANNED');
    expect((await t.assets.findById(png.id))?.progress).toBe(100);
    expect(png.renditions?.thumbnails.map((th) => [th.width, th.height])).toEqual([
      [160, 80],
      [160, 80],
      [480, 240],
      [480, 240],
    ]);
    const thumbnail = await download(png.thumbnail!.url);
    expect(thumbnail.status).toBe(200);
    const decoded = await sharp(thumbnail.bytes).raw().toBuffer({ resolveWithObject: true });
    expect([decoded.info.width, decoded.info.height]).toEqual([480, 240]);
    expect((await sharp(thumbnail.bytes).metadata()).format).toBe('webp');

    const jpeg = await settled(await upload(join(files, 'trip.jpg'), 'trip.jpg', 'image/jpeg', 'IMAGE'), 'READY');
    expect([jpeg.renditions?.width, jpeg.renditions?.height]).toEqual([800, 1200]); // orientation applied
    const served = await download(jpeg.thumbnail!.url);
    expect((await sharp(served.bytes).metadata()).exif).toBeUndefined();
    expect(served.bytes.includes(Buffer.from('TestCam'))).toBe(false);
  });

  it('a 4 s 720p video becomes READY with 480p and 720p HLS (no 1080p), the master and every variant and segment served under one folder authorisation carried by the served playlists, and a poster', async () => {
    const id = await upload(join(files, 'lecture.mp4'), 'lecture.mp4', 'video/mp4', 'VIDEO');
    const video = await settled(id, 'READY', 90_000);
    expect(video.renditions).toMatchObject({ hls: true, width: 1280, height: 720 });
    expect(video.renditions?.durationSeconds).toBeCloseTo(4, 0);

    const master = await download(video.playbackUrl!.url);
    expect(master.status).toBe(200);
    expect(master.bytes.toString()).toContain('480p/index.m3u8');
    expect(master.bytes.toString()).toContain('720p/index.m3u8');
    expect(master.bytes.toString()).not.toContain('1080p');
    // One authorisation for the whole folder: the served playlists hand the master's query string to
    // every relative URI below the folder, so following them as a player does needs nothing else.
    const signed = new URL(video.playbackUrl!.url);
    const uris = (playlist: string) => playlist.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(uris(master.bytes.toString())).toHaveLength(2);
    for (const uri of uris(master.bytes.toString())) {
      expect(new URL(uri, signed).search).toBe(signed.search);
      const variant = await download(new URL(uri, signed).href);
      expect(variant.status).toBe(200);
      const segments = uris(variant.bytes.toString());
      expect(segments.length).toBeGreaterThan(0);
      for (const segment of segments) expect(new URL(segment, new URL(uri, signed)).search).toBe(signed.search);
      const bytes = await download(new URL(segments[0]!, new URL(uri, signed)).href);
      expect(bytes.status).toBe(200);
      expect(bytes.bytes[0]).toBe(0x47); // MPEG-TS sync byte
    }
    // Without the authorisation a variant is refused: the query is what opens the folder.
    const firstVariant = new URL(uris(master.bytes.toString())[0]!, signed);
    const unsigned = await download(`${firstVariant.origin}${firstVariant.pathname}`);
    expect(unsigned.status).toBe(403);

    const record = await t.assets.findById(id);
    const poster = await sharp(await stored(record!.renditions!.posterKey!)).metadata();
    expect([poster.format, poster.width, poster.height]).toEqual(['jpeg', 1280, 720]);
  });

  it('a PDF and a DOCX yield their text and page counts; a corrupt MP4 ends FAILED with a reason and a dead-lettered event', async () => {
    const dead = await recordTopics(t.stack.bus, ['media.events.dlq']);
    const pdfId = await upload(join(files, 'notes.pdf'), 'notes.pdf', 'application/pdf', 'DOCUMENT');
    const docxId = await upload(join(files, 'essay.docx'), 'essay.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'DOCUMENT');
    // Public, so anyone may see the asset; why it failed stays its owner's (and admins') business.
    const brokenId = ok(
      await uploadThroughGateway(t.stack, grace, {
        bytes: await readFile(join(files, 'broken.mp4')),
        filename: 'broken.mp4',
        mimetype: 'video/mp4',
        kind: 'VIDEO',
        purpose: 'PUBLIC',
      }),
    ).uploadMedia.id;

    const pdf = await settled(pdfId, 'READY');
    expect(pdf.renditions?.pageCount).toBe(2);
    const docx = await settled(docxId, 'READY');
    expect(docx.renditions?.pageCount).toBe(1);
    const textOf = async (id: string) => (await stored((await t.assets.findById(id))!.renditions!.textKey!)).toString('utf8');
    expect(await textOf(pdfId)).toMatch(/Federation basics[\s\S]*Entities and keys/);
    expect(await textOf(docxId)).toBe('Supergraph composition explained');
    const preview = await sharp(await stored((await t.assets.findById(pdfId))!.renditions!.posterKey!)).metadata();
    expect(preview.format).toBe('webp');

    const broken = await eventually(
      'corrupt MP4 FAILED',
      async () => {
        const asset = await view(brokenId);
        return asset.status === 'FAILED' ? asset : undefined;
      },
      60_000,
    );
    expect(broken.failureReason).toBe('The file is not a readable video or audio file.');
    expect(broken.url).toBeNull();
    const onlooker = await register(t.stack, 'Public Onlooker');
    expect(ok(await onlooker.gql<{ mediaAsset: AssetView }>(ASSET, { id: brokenId })).mediaAsset).toMatchObject({ status: 'FAILED', failureReason: null });
    const letter = await eventually('dead letter', async () => dead.received.find((message) => message.key === brokenId));
    await dead.stop();
    expect(letter.value).toMatchObject({ event_type: 'MEDIA_UPLOADED', asset_id: brokenId });
  });

  it('a PNG declaring 50000×50000 pixels ends FAILED, and its owner reads the stable code IMAGE_TOO_LARGE first in failureReason', async () => {
    const id = await upload(join(files, 'huge.png'), 'huge.png', 'image/png', 'IMAGE');
    const failed = await eventually(
      'huge PNG FAILED',
      async () => {
        const asset = await view(id);
        return asset.status === 'FAILED' || asset.status === 'READY' ? asset : undefined;
      },
      60_000,
    );
    expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'IMAGE_TOO_LARGE: The image has more than 100 megapixels.' });
  });

  it('extracted text: its owner and admins read it, students once the course it is attached to is published, and myMedia finds documents by it (case-insensitive)', async () => {
    const TEXT = 'query ($id: ID!) { mediaAsset(id: $id) { id text } }';
    const SEARCH = 'query ($text: String) { myMedia(first: 100, filter: { text: $text }) { totalCount edges { node { id kind text } } } }';
    type Search = { myMedia: { totalCount: number; edges: { node: { id: string; kind: string; text: string | null } }[] } };
    const pdfId = await upload(join(files, 'notes.pdf'), 'search-notes.pdf', 'application/pdf', 'DOCUMENT');
    const docxId = await upload(
      join(files, 'essay.docx'),
      'search-essay.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'DOCUMENT',
    );
    const pngId = await upload(join(files, 'innocent.png'), 'search.png', 'image/png', 'IMAGE');
    await settled(pdfId, 'READY');
    await settled(docxId, 'READY');
    await settled(pngId, 'READY');
    const textOf = async (client: Client, id: string) => ok(await client.gql<{ mediaAsset: { text: string | null } | null }>(TEXT, { id })).mediaAsset;

    expect((await textOf(grace, pdfId))?.text).toMatch(/Federation basics[\s\S]*Entities and keys/);
    expect((await textOf(grace, docxId))?.text).toBe('Supergraph composition explained');
    expect((await textOf(grace, pngId))?.text).toBeNull();
    const admin = await login(t.stack, 'admin@skillgraph.dev');
    expect((await textOf(admin, docxId))?.text).toBe('Supergraph composition explained');

    const found = async (client: Client, text: string) => ok(await client.gql<Search>(SEARCH, { text })).myMedia;
    const federation = await found(grace, 'ENTITIES and');
    expect(federation.edges.map((edge) => edge.node.id)).toContain(pdfId);
    expect(federation.edges.map((edge) => edge.node.id)).not.toContain(docxId);
    expect(federation.edges.every((edge) => /entities and/i.test(edge.node.text ?? ''))).toBe(true);
    expect(federation.totalCount).toBe(federation.edges.length);
    expect((await found(grace, 'supergraph COMPOSITION')).edges.map((edge) => edge.node.id)).toContain(docxId);
    // The text is a plain substring, not a pattern: "." does not stand for the space in "Federation basics".
    expect((await found(grace, 'Federation.basics')).totalCount).toBe(0);
    const tooLong = await grace.gql(SEARCH, { text: 'x'.repeat(201) });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // A student sees nothing of the unattached file, nor of it in a draft course; once the course is published, its text.
    const student = await register(t.stack, 'Reading Student');
    expect(await textOf(student, pdfId)).toBeNull();
    expect((await found(student, 'federation')).totalCount).toBe(0);
    const { createCourse } = ok(await grace.gql<{ createCourse: { id: string } }>(COURSE_AUTHORING.create, { title: 'Reading list' }));
    const { addLesson } = ok(
      await grace.gql<{ addLesson: { lessons: { id: string }[] } }>(COURSE_AUTHORING.addLesson, { id: createCourse.id, title: 'Notes' }),
    );
    await onceProjected('the lesson to reach the media subgraph', () =>
      grace.gql('mutation ($l: ID!, $a: ID!) { attachLessonMedia(lessonId: $l, assetId: $a) { id } }', { l: addLesson.lessons[0]!.id, a: pdfId }),
    );
    expect(await textOf(student, pdfId)).toBeNull();
    ok(await grace.gql(COURSE_AUTHORING.publish, { id: createCourse.id }));
    const read = await eventually('the published course to reach the media subgraph', async () => (await textOf(student, pdfId))?.text);
    expect(read).toMatch(/Federation basics[\s\S]*Entities and keys/);
  });

  it('reprocessMedia: admins send a READY asset through the lifecycle again; others are refused', async () => {
    const id = await upload(join(files, 'diagram.png'), 'again.png', 'image/png', 'IMAGE');
    await settled(id, 'READY');
    const REPROCESS = 'mutation ($id: ID!) { reprocessMedia(id: $id) { id status } }';
    const refused = await grace.gql(REPROCESS, { id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const admin = await login(t.stack, 'admin@skillgraph.dev');
    const events = await recordTopics(t.stack.bus, ['media.events']);
    expect(ok(await admin.gql<{ reprocessMedia: { status: string } }>(REPROCESS, { id })).reprocessMedia.status).toBe('UPLOADED');
    await settled(id, 'READY');
    await eventually(
      'second MEDIA_READY',
      async () => events.received.filter((event) => event.key === id && event.value.event_type === 'MEDIA_READY').length === 2,
    );
    await events.stop();
    expect(((await t.assets.findById(id)) as { processingSteps?: unknown })?.processingSteps).toEqual({ scan: 1, process: 1 });
  });

  it('ffprobe reads the master playlist through the signed playback URL alone (every variant and segment it follows is authorised)', async () => {
    const id = await upload(join(files, 'lecture.mp4'), 'lecture-2.mp4', 'video/mp4', 'VIDEO');
    const video = await settled(id, 'READY', 90_000);
    const probe = await promisify(execFile)('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,height', '-of', 'csv=p=0', video.playbackUrl!.url], {
      timeout: 60_000,
    });
    expect(new Set(probe.stdout.split('\n').filter((line) => line.startsWith('video')))).toEqual(new Set(['video,480', 'video,720']));
  });
});
