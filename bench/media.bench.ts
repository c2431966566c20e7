/**
 * Media benchmark, one run, figures side by side (npm run bench:media):
 *  1. a 1 GiB GraphQL multipart upload streamed client → gateway → media subgraph → embedded
 *     storage, in this process: RSS growth over the run (goal ≤ 64 MiB) and speed as a ratio to a
 *     raw loopback HTTP copy of the same bytes into a file on the same disk (goal ≥ 50%);
 *  2. resolving 100 signed URLs for one list, warm: the URL service alone with CloudFront (RSA)
 *     signing (goal p50 ≤ 5 ms), and the whole `myMedia(first: 100) { url }` request through the
 *     gateway for context.
 *
 * The machine is shared, so the upload and the raw copy alternate for --rounds rounds and the
 * best time of each is compared (RSS growth: the largest of the rounds).
 *
 * Options: --mib <n> (upload size, default 1024), --runs <n> (URL list runs, default 200),
 * --rounds <n> (default 2).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { createLogger, newId } from '../packages/platform/src';
import { createCloudFrontSigner, createUrlSigner, openMediaStorage } from '../packages/platform/src/storage';
import { defaultMediaSettings } from '../subgraphs/media/src/config';
import { openMediaAssetRepository } from '../subgraphs/media/src/data/media-asset-repository';
import type { MediaAssetRecord } from '../subgraphs/media/src/data/records';
import { createUrlService } from '../subgraphs/media/src/services/url-service';
import { startStack } from '../packages/stack/src';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const MIB = 1024 * 1024;
const UPLOAD_BYTES = argument('mib', 1024) * MIB;
const RUNS = argument('runs', 200);
const ROUNDS = Math.max(1, argument('rounds', 2));

// An MP4 `ftyp` box, so the upload sniffs as video/mp4; the rest is one reused random chunk.
const FTYP = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');
const CHUNK = randomBytes(MIB);
function* fileBytes(total: number): Generator<Buffer> {
  yield FTYP;
  let sent = FTYP.length;
  while (sent < total) {
    const next = Math.min(CHUNK.length, total - sent);
    yield next === CHUNK.length ? CHUNK : CHUNK.subarray(0, next);
    sent += next;
  }
}

function rssSampler() {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return {
    stop() {
      clearInterval(timer);
      return { baseline, growth: Math.max(0, peak - baseline) };
    },
  };
}

/** Streams `body` as the request body to `url` and reads the whole answer. */
function send(url: string, headers: Record<string, string | number>, body: Iterable<Buffer>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    request.on('error', reject);
    pipeline(
      (async function* () {
        yield* body;
      })(),
      request,
    ).catch(reject);
  });
}

async function rawLoopbackCopy(directory: string): Promise<number> {
  const server = http.createServer((req, res) => {
    pipeline(req, createWriteStream(path.join(directory, `raw-${newId()}`))).then(() => res.end('ok'), () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const started = performance.now();
  const answer = await send(url, { 'content-type': 'application/octet-stream', 'content-length': UPLOAD_BYTES }, fileBytes(UPLOAD_BYTES));
  const seconds = (performance.now() - started) / 1000;
  server.close();
  if (answer.status !== 200) throw new Error(`raw copy answered ${answer.status}`);
  return seconds;
}

async function main(): Promise<void> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-media-bench-'));
  let origin = '';
  const media = await openMediaStorage({ directory: path.join(directory, 'media'), urlSecret: null }, () => origin);
  const stack = await startStack({
    storage: { kind: 'memory' },
    logger: createLogger({ service: 'bench', level: 'silent' }),
    supergraphPath: path.resolve(__dirname, '..', 'schema', 'supergraph.graphql'),
    seed: true,
    media: { storage: media, settings: defaultMediaSettings() },
  });
  origin = new URL(stack.gatewayUrl).origin;
  try {
    const login = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(email: "grace@skillgraph.dev", password: "learn-graphs-2026") { accessToken user { id } } }' }),
    });
    const { data } = (await login.json()) as { data: { login: { accessToken: string; user: { id: string } } } };
    const token = data.login.accessToken;

    // 1. Raw loopback copy and upload, alternating; the raw copy goes first each round.
    const boundary = `----bench${randomBytes(8).toString('hex')}`;
    const operations = JSON.stringify({
      query: 'mutation ($file: Upload!, $input: UploadMediaInput!) { uploadMedia(file: $file, input: $input) { id size status } }',
      variables: { file: null, input: { kind: 'VIDEO' } },
    });
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.file"]}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="lecture.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const multipart = function* () {
      yield head;
      yield* fileBytes(UPLOAD_BYTES);
      yield tail;
    };
    let rawSeconds = Infinity;
    let uploadSeconds = Infinity;
    const memory = { baseline: 0, growth: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      rawSeconds = Math.min(rawSeconds, await rawLoopbackCopy(directory));
      global.gc?.();
      const sampler = rssSampler();
      const started = performance.now();
      const answer = await send(
        stack.gatewayUrl,
        {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + UPLOAD_BYTES + tail.length,
          'apollo-require-preflight': 'true',
          authorization: `Bearer ${token}`,
        },
        multipart(),
      );
      uploadSeconds = Math.min(uploadSeconds, (performance.now() - started) / 1000);
      const sampled = sampler.stop();
      if (sampled.growth >= memory.growth) Object.assign(memory, sampled);
      const result = JSON.parse(answer.text) as { data?: { uploadMedia?: { size: number } }; errors?: unknown };
      if (result.data?.uploadMedia?.size !== UPLOAD_BYTES) throw new Error(`upload failed: ${answer.text.slice(0, 500)}`);
      // Raw copies are deleted between rounds so the disk holds the same amount for both.
      for (const name of await fs.readdir(directory)) if (name.startsWith('raw-')) await fs.rm(path.join(directory, name));
    }

    // 2. 100 signed URLs for one list, warm.
    const assets = await openMediaAssetRepository(stack.stores.media);
    const ownerId = data.login.user.id;
    const records: MediaAssetRecord[] = Array.from({ length: 100 }, (_, index) => {
      const id = newId();
      return { _id: id, kind: 'AUDIO', purpose: 'COURSE_MATERIAL', filename: `lesson-${index}.mp3`, contentType: 'audio/mpeg', size: 1000, status: 'READY', ownerId, createdAt: new Date(), blobKey: `originals/${id}`, derivedPrefix: `assets/${id}/`, sha256: id };
    });
    await assets.insertMany(records);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cloudfront = createCloudFrontSigner({ domain: 'cdn.example.test', keyPairId: 'KBENCH', privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() });
    const urls = createUrlService({ settings: defaultMediaSettings(), signer: createUrlSigner(randomBytes(32)), cloudfront, publicBaseUrl: () => origin });
    const cold = performance.now();
    for (const record of records) urls.urlFor(record, { kind: 'original', disposition: 'inline' });
    const coldMs = performance.now() - cold;
    const listTimes: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const at = performance.now();
      for (const record of records) urls.urlFor(record, { kind: 'original', disposition: 'inline' });
      listTimes.push(performance.now() - at);
    }
    const query = JSON.stringify({ query: '{ myMedia(first: 100, filter: { kind: AUDIO }) { edges { node { id url { url expiresAt } } } } }' });
    const requestTimes: number[] = [];
    for (let run = 0; run < Math.min(RUNS, 100) + 5; run += 1) {
      const at = performance.now();
      const response = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: query });
      const body = (await response.json()) as { data?: { myMedia: { edges: { node: { url: unknown } }[] } } };
      if ((body.data?.myMedia.edges.filter((edge) => edge.node.url).length ?? 0) < 100) throw new Error('myMedia did not return 100 URLs');
      if (run >= 5) requestTimes.push(performance.now() - at);
    }
    const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

    const mib = UPLOAD_BYTES / MIB;
    console.log(`media benchmark (one run, ${os.cpus().length} CPUs, node ${process.version})`);
    console.log(`1. ${mib} MiB GraphQL multipart upload through the gateway into embedded storage (best of ${ROUNDS} rounds)`);
    console.log(`   RSS growth during the upload      ${(memory.growth / MIB).toFixed(1)} MiB (baseline ${(memory.baseline / MIB).toFixed(0)} MiB; goal <= 64 MiB)`);
    console.log(`   upload through the gateway        ${uploadSeconds.toFixed(2)} s = ${(mib / uploadSeconds).toFixed(0)} MiB/s`);
    console.log(`   raw loopback HTTP copy to a file  ${rawSeconds.toFixed(2)} s = ${(mib / rawSeconds).toFixed(0)} MiB/s`);
    console.log(`   speed ratio upload / raw          ${((rawSeconds / uploadSeconds) * 100).toFixed(0)}% (goal >= 50%)`);
    console.log(`2. 100 signed URLs for one list (CloudFront RSA signing, cached per expiry window)`);
    console.log(`   cold (100 RSA signatures)         ${coldMs.toFixed(2)} ms`);
    console.log(`   warm p50 over ${RUNS} runs           ${p50(listTimes).toFixed(3)} ms (goal <= 5 ms)`);
    console.log(`   whole myMedia(first: 100, filter: { kind: AUDIO }) { url } request through the gateway, warm p50: ${p50(requestTimes).toFixed(1)} ms`);
  } finally {
    await stack.stop();
    await fs.rm(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
