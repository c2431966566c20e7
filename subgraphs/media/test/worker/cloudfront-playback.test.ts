import { execFile } from 'node:child_process';
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createCloudFrontSigner, openMediaStorage, type ObjectStorage } from '@skillgraph/platform/src/storage';
import { eventually, login, ok, type Client } from '../../../../packages/stack/test/support/learning-loop';
import { download, startMediaStack, uploadThroughGateway, type MediaTestStack } from '../../../../packages/stack/test/support/media';
import { loadWorkerConfig } from '../../src/worker/config';
import { makeVideo } from '../processing/support/fixtures';

/**
 * HLS playback in the CloudFront mode, through the gateway: `playbackUrl` opens the master playlist
 * at the origin (the file route rewrites playlists), and the segments come from the CDN under the
 * folder's custom policy. The CDN here is a stand-in that checks what CloudFront checks (key pair,
 * RSA-SHA1 signature over the policy, wildcard resource, expiry) and serves the same storage.
 */
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const fromCloudFront = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

interface CdnRequest {
  path: string;
  status: number;
}

function startCdn(storage: () => ObjectStorage, requests: CdnRequest[]): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url!, `http://${req.headers.host}`);
    const answer = (status: number) => {
      requests.push({ path: url.pathname, status });
      res.writeHead(status).end();
    };
    void (async () => {
      const policy = fromCloudFront(url.searchParams.get('Policy') ?? '').toString();
      const signature = fromCloudFront(url.searchParams.get('Signature') ?? '');
      if (url.searchParams.get('Key-Pair-Id') !== 'KTEST' || !policy || !createVerify('RSA-SHA1').update(policy).verify(publicKey, signature))
        return answer(403);
      const statement = (JSON.parse(policy) as { Statement: { Resource: string; Condition: { DateLessThan: { 'AWS:EpochTime': number } } }[] }).Statement[0]!;
      const resource = statement.Resource;
      const requested = `${url.origin}${url.pathname}`;
      if (!(resource.endsWith('*') ? requested.startsWith(resource.slice(0, -1)) : requested === resource)) return answer(403);
      if (statement.Condition.DateLessThan['AWS:EpochTime'] * 1000 <= Date.now()) return answer(403);
      const object = await storage().get(decodeURIComponent(url.pathname.slice(1)));
      if (!object) return answer(404);
      requests.push({ path: url.pathname, status: 200 });
      res.writeHead(200);
      await pipeline(object.body, res);
    })().catch(() => (res.headersSent ? res.destroy() : answer(500)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('HLS playback with CloudFront (playlists at the origin, segments at the CDN)', () => {
  let t: MediaTestStack;
  let grace: Client;
  let files: string;
  let cdn: Server;
  const cdnRequests: CdnRequest[] = [];
  jest.setTimeout(120_000);

  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'media-cdn-'));
    makeVideo(join(files, 'lecture.mp4'), { width: 1280, height: 720, seconds: 4 });
    cdn = await startCdn(() => t.media.storage, cdnRequests);
    const cdnOrigin = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
    t = await startMediaStack({
      storage: async (baseUrl) => ({
        ...(await openMediaStorage({ directory: join(files, 'storage'), urlSecret: null }, baseUrl)),
        cloudfront: createCloudFrontSigner({
          domain: cdnOrigin,
          keyPairId: 'KTEST',
          privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
        }),
      }),
      stack: { mediaWorker: loadWorkerConfig({ MEDIA_WORKER_TMP_DIR: join(files, 'work') }) },
    });
    grace = await login(t.stack, 'grace@skillgraph.dev');
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    await new Promise((resolve) => cdn?.close(resolve));
    await rm(files, { recursive: true, force: true });
  });

  it('ffprobe plays playbackUrl alone: playlists come from the gateway origin, every segment from the CDN under one policy that ends with the URL', async () => {
    const bytes = await readFile(join(files, 'lecture.mp4'));
    const id = ok(await uploadThroughGateway(t.stack, grace, { bytes, filename: 'lecture.mp4', mimetype: 'video/mp4', kind: 'VIDEO' })).uploadMedia.id;
    const PLAYBACK = 'query ($id: ID!) { mediaAsset(id: $id) { status playbackUrl { url expiresAt } url { url } } }';
    type Playback = { mediaAsset: { status: string; playbackUrl: { url: string; expiresAt: string } | null; url: { url: string } | null } };
    const asset = await eventually(
      'video READY',
      async () => {
        const view = ok(await grace.gql<Playback>(PLAYBACK, { id })).mediaAsset;
        if (view.status === 'FAILED') throw new Error('the video failed');
        return view.status === 'READY' ? view : undefined;
      },
      90_000,
    );
    const playback = new URL(asset.playbackUrl!.url);
    expect(playback.origin).toBe(t.origin);
    // Single objects are still CloudFront canned-policy URLs.
    expect(new URL(asset.url!.url).searchParams.has('Signature')).toBe(true);

    const variantUri = (await download(playback.href)).bytes
      .toString()
      .split('\n')
      .find((line) => line.endsWith(playback.search))!;
    const variant = (await download(new URL(variantUri, playback).href)).bytes.toString();
    const segments = variant.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(segments.length).toBeGreaterThan(0);
    for (const segment of segments) {
      const url = new URL(segment);
      expect(url.origin).not.toBe(t.origin);
      const policy = JSON.parse(fromCloudFront(url.searchParams.get('Policy')!).toString());
      expect(policy.Statement[0].Resource).toBe(`${url.origin}/assets/${id}/hls/*`);
      expect(policy.Statement[0].Condition.DateLessThan['AWS:EpochTime'] * 1000).toBe(Date.parse(asset.playbackUrl!.expiresAt));
    }

    const probe = await promisify(execFile)('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,height', '-of', 'csv=p=0', playback.href], {
      timeout: 60_000,
    });
    expect(new Set(probe.stdout.split('\n').filter((line) => line.startsWith('video')))).toEqual(new Set(['video,480', 'video,720']));
    expect(cdnRequests.filter((request) => request.path.endsWith('.ts') && request.status === 200).length).toBeGreaterThan(0);
    expect(cdnRequests.filter((request) => request.status !== 200)).toEqual([]);
    expect(cdnRequests.some((request) => request.path.endsWith('.m3u8'))).toBe(false);
    // The stand-in refuses what CloudFront would: the same policy does not open another folder.
    const elsewhere = new URL(segments[0]!);
    elsewhere.pathname = elsewhere.pathname.replace(`/assets/${id}/`, '/assets/someone-else/');
    expect((await download(elsewhere.href)).status).toBe(403);
  });
});
