/**
 * Media processing benchmark, one run, figures side by side (npm run bench:media-processing):
 * the time per image and per video of
 *   a. the processors (subgraphs/media/src/processing: probe, then sharp / ffmpeg),
 *   b. the whole worker pipeline for one asset (lease, transitions with their events, original
 *      fetched from storage, processing, renditions uploaded; no scanner),
 * each as a ratio to calling sharp and ffmpeg directly on the same file with the same settings
 * (the same thumbnail sizes and formats; the same ffmpeg arguments for the HLS ladder and poster).
 * Runs alternate (direct, processors, pipeline) so machine noise hits all three alike; medians.
 *
 * Then the bomb case: a 1 MB DOCX whose document.xml inflates to 1 GiB, alone and three at once
 * through the worker pipeline, with the time until FAILED, the reason and the peak RSS growth of
 * this process (the worker runs in it), sampled every 10 ms.
 *
 * --bombs-catalogue: the bomb's cost to everyone else, on the stack `npm start` runs (scripts/start.ts
 * in its own process: in-process media worker, embedded storage, demo data, default settings, no
 * virus scanner; the per-client rate limit raised so the loop below is never throttled). The
 * catalogue query's p50/p99 from one client sending it back to back, at idle, then from the moment
 * three bombs uploaded at once through the gateway (as a demo instructor) are confirmed until all
 * three are FAILED; the time until then and the stack process's RSS before and at its peak.
 * Goal (hardening case 3): p50 under the bombs ≤ 2× idle. Everything stops within a few minutes.
 *
 * Options: --image-runs <n> (default 7), --video-runs <n> (default 3), --seconds <n> (video length, default 6),
 * --bombs-only (skip the image and video runs), --bomb-batches <n,n> (bombs at once per run, default 1,3),
 * --bombs-catalogue (only the catalogue run above), --idle-requests <n> (default 200).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { createLogger, newId, openDocumentStore, openEventBus, loadEventsConfig } from '../packages/platform/src';
import { loadStorageConfig, openMediaStorage } from '../packages/platform/src/storage';
import { openMediaAssetRepository } from '../subgraphs/media/src/data/media-asset-repository';
import type { MediaAssetRecord, MediaKind } from '../subgraphs/media/src/data/records';
import { DEFAULT_THUMBNAIL_WIDTHS, hlsVideoArgs, ladderFor, posterArgs, processImage, processVideo } from '../subgraphs/media/src/processing';
import { loadWorkerConfig } from '../subgraphs/media/src/worker/config';
import { createMediaWorker } from '../subgraphs/media/src/worker/media-worker';
import { deflatedZeros, docxFrame, writeZip } from '../test/security/support/bombs';
import { stopGroup } from '../test/support/child-processes';
import { startStackScript } from '../packages/stack/test/support/process';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const IMAGE_RUNS = argument('image-runs', 7);
const VIDEO_RUNS = argument('video-runs', 3);
const SECONDS = argument('seconds', 6);
const BOMBS_ONLY = process.argv.includes('--bombs-only');
const BOMBS_CATALOGUE = process.argv.includes('--bombs-catalogue');
const IDLE_REQUESTS = argument('idle-requests', 200);
const BOMB_BATCHES = (process.argv[process.argv.indexOf('--bomb-batches') + 1] ?? '')
  .match(/^\d+(,\d+)*$/)?.[0]
  .split(',')
  .map(Number) ?? [1, 3];
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const WIDTHS = [...DEFAULT_THUMBNAIL_WIDTHS];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const time = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};
function ffmpeg(args: string[]): void {
  const run = spawnSync('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
}

async function main(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-media-'));
  const logger = createLogger({ service: 'bench', level: 'error' });
  try {
    if (BOMBS_CATALOGUE) return await catalogueUnderBombs(dir);
    if (!BOMBS_ONLY) await processingRuns(dir, logger);
    await bombRuns(dir, logger);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A 1 MB DOCX whose word/document.xml inflates to 1 GiB. */
async function writeBomb(dir: string): Promise<string> {
  const bomb = path.join(dir, 'bomb.docx');
  const zeros = await deflatedZeros(1024 * 1024 * 1024);
  await writeZip(bomb, [...docxFrame(), { name: 'word/document.xml', deflated: zeros }]);
  return bomb;
}

/** The DOCX bomb through the worker pipeline: alone, then three at once (three slots). */
async function bombRuns(dir: string, logger: ReturnType<typeof createLogger>): Promise<void> {
  const bomb = await writeBomb(dir);
  const size = (await fs.stat(bomb)).size;
  const store = await openDocumentStore({ inMemory: true });
  const bus = await openEventBus(loadEventsConfig({ DATA_DIR: dir, EVENTS_FSYNC: 'false' }, 'bench-bomb'), { logger });
  const { storage } = await openMediaStorage(loadStorageConfig({ DATA_DIR: path.join(dir, 'bomb-objects') }), () => 'http://127.0.0.1');
  const assets = await openMediaAssetRepository(store);
  const worker = await createMediaWorker({
    store,
    assets,
    storage,
    bus,
    logger,
    scanner: null,
    config: { ...loadWorkerConfig({ DATA_DIR: dir }), concurrency: 3 },
  });
  const insertBomb = async () => {
    const id = newId();
    const now = new Date();
    const stored = await storage.put(`blobs/${id}`, createReadStream(bomb), { contentType: DOCX_TYPE });
    const asset: MediaAssetRecord = {
      _id: id,
      kind: 'DOCUMENT',
      filename: 'bomb.docx',
      contentType: DOCX_TYPE,
      size: stored.size,
      status: 'UPLOADED',
      ownerId: newId(),
      createdAt: now,
      updatedAt: now,
      blobKey: `blobs/${id}`,
    };
    await assets.insert(asset, []);
    return id;
  };
  console.log(`\nDOCX bomb: ${(size / 1e6).toFixed(2)} MB file, word/document.xml inflates to 1 GiB; worker pipeline, no scanner`);
  console.log('bombs at once   time to FAILED   RSS before → peak (growth)   reason');
  for (const count of BOMB_BATCHES) {
    const ids = await Promise.all(Array.from({ length: count }, insertBomb));
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const elapsed = await time(() => Promise.all(ids.map((id) => worker.runNow(id))));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const done = await Promise.all(ids.map((id) => assets.findById(id)));
    const statuses = [...new Set(done.map((asset) => `${asset?.status} ${asset?.failureReason ?? ''}`))].join(' | ');
    console.log(
      `${String(count).padStart(13)}   ${`${elapsed.toFixed(0)} ms`.padStart(14)}   ${`${(before / 1e6).toFixed(0)} → ${(peak / 1e6).toFixed(0)} MB (+${((peak - before) / 1e6).toFixed(0)} MB)`.padStart(26)}   ${statuses}`,
    );
  }
  await worker.stop();
  await bus.close();
  await store.close();
}

const CATALOGUE = '{ courses(first: 3) { edges { node { title instructor { name } assessments { title } lessons { title media { filename } } } } } }';
const BOMBS_AT_ONCE = 3;
/** A ceiling against a stack that never fails the bombs, not a speed claim. */
const FAILED_CEILING_MS = 150_000;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

async function postJson<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ status: number; data?: T; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as { data?: T; errors?: unknown[] }) };
}

/** The catalogue query back to back from one client until `done()`, or `count` times. */
async function catalogueLoop(url: string, until: { count?: number; done?: () => boolean }): Promise<{ ms: number[]; failed: number }> {
  const ms: number[] = [];
  let failed = 0;
  while (until.count === undefined ? !until.done?.() : ms.length + failed < until.count) {
    const started = performance.now();
    const result = await postJson<{ courses: { edges: unknown[] } }>(url, CATALOGUE);
    const elapsed = performance.now() - started;
    if (result.status === 200 && !result.errors && result.data?.courses.edges.length) ms.push(elapsed);
    else failed++;
  }
  return { ms, failed };
}

/** The node process running scripts/start.ts: tsx's child (tsx itself leads the group). */
async function stackPid(tsxPid: number): Promise<number> {
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === tsxPid) return Number(entry);
  }
  throw new Error(`no child of tsx (${tsxPid}) found`);
}
const rssOf = async (pid: number): Promise<number> => {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) * 1024;
};

async function uploadBomb(url: string, token: string, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query: 'mutation ($file: Upload!, $input: UploadMediaInput!) { uploadMedia(file: $file, input: $input) { id status } }',
      variables: { file: null, input: { kind: 'DOCUMENT' } },
    }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([new Uint8Array(bytes)], { type: DOCX_TYPE }), 'bomb.docx');
  const response = await fetch(url, { method: 'POST', headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` }, body: form });
  const result = (await response.json()) as { data?: { uploadMedia?: { id: string } }; errors?: unknown[] };
  if (!result.data?.uploadMedia) throw new Error(`upload refused (${response.status}): ${JSON.stringify(result.errors)}`);
  return result.data.uploadMedia.id;
}

/** Hardening case 3's third figure: the catalogue's latency while three bombs are unpacked by the stack's own worker. */
async function catalogueUnderBombs(dir: string): Promise<void> {
  const bytes = await fs.readFile(await writeBomb(dir));
  const { running } = await startStackScript({ DATA_DIR: path.join(dir, 'stack'), RATE_LIMIT_PER_CLIENT: '100000000' });
  const sampled: { timer?: NodeJS.Timeout } = {};
  try {
    const url = /SkillGraph is ready at (\S+)/.exec(running.output())?.[1];
    if (!url || running.child.pid === undefined) throw new Error(`no gateway URL in: ${running.output()}`);
    const pid = await stackPid(running.child.pid);
    const login = await postJson<{ login: { accessToken: string } }>(
      url,
      'mutation { login(email: "grace@skillgraph.dev", password: "learn-graphs-2026") { accessToken } }',
    );
    const token = login.data?.login.accessToken;
    if (!token) throw new Error(`login failed: ${JSON.stringify(login.errors)}`);

    await catalogueLoop(url, { count: 20 });
    const idle = await catalogueLoop(url, { count: IDLE_REQUESTS });

    const before = await rssOf(pid);
    let peak = before;
    sampled.timer = setInterval(
      () =>
        void rssOf(pid).then(
          (rss) => (peak = Math.max(peak, rss)),
          () => undefined,
        ),
      20,
    );
    const sent = performance.now();
    const ids = await Promise.all(Array.from({ length: BOMBS_AT_ONCE }, () => uploadBomb(url, token, bytes)));
    const confirmed = performance.now();
    const reasons = new Map<string, string>();
    let allFailedAt: number | undefined;
    let timedOut = false;
    // Statuses are polled by a second client every 250 ms, apart from the measured loop.
    const watch = (async () => {
      while (allFailedAt === undefined && !timedOut) {
        for (const id of ids) {
          if (reasons.has(id)) continue;
          const asset = await postJson<{ mediaAsset: { status: string; failureReason: string | null } | null }>(
            url,
            'query ($id: ID!) { mediaAsset(id: $id) { status failureReason } }',
            { id },
            token,
          );
          const status = asset.data?.mediaAsset?.status;
          if (status === 'FAILED' || status === 'READY') reasons.set(id, `${status} ${asset.data?.mediaAsset?.failureReason ?? ''}`);
        }
        if (reasons.size === ids.length) allFailedAt = performance.now();
        else if (performance.now() - confirmed > FAILED_CEILING_MS) timedOut = true;
        else await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    const loaded = await catalogueLoop(url, { done: () => allFailedAt !== undefined || timedOut });
    await watch;
    clearInterval(sampled.timer);
    peak = Math.max(peak, await rssOf(pid));

    const row = (label: string, run: { ms: number[]; failed: number }) =>
      `${label.padEnd(34)} ${String(run.ms.length).padStart(8)} ${`${percentile(run.ms, 50).toFixed(1)} ms`.padStart(10)} ${`${percentile(run.ms, 99).toFixed(1)} ms`.padStart(10)} ${String(run.failed).padStart(7)}`;
    console.log(
      `\nCatalogue under DOCX bombs: npm start's stack (pid ${pid}), ${(bytes.length / 1e6).toFixed(2)} MB DOCX inflating to 1 GiB, ${BOMBS_AT_ONCE} at once`,
    );
    console.log(
      `load average before the run's end: ${os
        .loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')} (${os.cpus().length} cores)`,
    );
    console.log(`${'catalogue, one client back to back'.padEnd(34)} requests        p50        p99  failed`);
    console.log(row('idle', idle));
    console.log(row(`${BOMBS_AT_ONCE} bombs, confirmed → all FAILED`, loaded));
    const ratio = percentile(loaded.ms, 50) / percentile(idle.ms, 50);
    console.log(`p50 under bombs / idle: ${ratio.toFixed(2)}× (goal ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'})`);
    console.log(
      `uploads sent → confirmed: ${(confirmed - sent).toFixed(0)} ms; confirmed → all ${BOMBS_AT_ONCE} FAILED: ${
        allFailedAt === undefined ? `not within ${FAILED_CEILING_MS / 1000} s` : `${(allFailedAt - confirmed).toFixed(0)} ms (status polled every 250 ms)`
      }`,
    );
    console.log(`stack process RSS: ${(before / 1e6).toFixed(0)} → peak ${(peak / 1e6).toFixed(0)} MB (+${((peak - before) / 1e6).toFixed(0)} MB)`);
    console.log(`outcome: ${[...new Set(reasons.values())].join(' | ') || 'none'}`);
  } finally {
    clearInterval(sampled.timer);
    await stopGroup(running.child);
  }
}

async function processingRuns(dir: string, logger: ReturnType<typeof createLogger>): Promise<void> {
  // Inputs made here: a 2400×1600 photo-like PNG and a 720p video with sound.
  const image = path.join(dir, 'photo.png');
  const pixels = Buffer.alloc(2400 * 1600 * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) % 256;
  await sharp(pixels, { raw: { width: 2400, height: 1600, channels: 3 } })
    .blur(2)
    .png()
    .toFile(image);
  const video = path.join(dir, 'lecture.mp4');
  ffmpeg([
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=1280x720:rate=30:duration=${SECONDS}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${SECONDS}`,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
    video,
  ]);

  // The worker pipeline's surroundings: documents in memory, objects on local disk, no scanner.
  const store = await openDocumentStore({ inMemory: true });
  const bus = await openEventBus(loadEventsConfig({ DATA_DIR: dir, EVENTS_FSYNC: 'false' }, 'bench'), { logger });
  const { storage } = await openMediaStorage(loadStorageConfig({ DATA_DIR: dir }), () => 'http://127.0.0.1');
  const assets = await openMediaAssetRepository(store);
  const worker = await createMediaWorker({
    store,
    assets,
    storage,
    bus,
    logger,
    scanner: null,
    config: { ...loadWorkerConfig({ DATA_DIR: dir }), thumbnailWidths: WIDTHS },
  });
  const pipelineRun = async (file: string, kind: MediaKind, contentType: string) => {
    const id = newId();
    const now = new Date();
    const stored = await storage.put(`blobs/${id}`, createReadStream(file), { contentType });
    const asset: MediaAssetRecord = {
      _id: id,
      kind,
      filename: path.basename(file),
      contentType,
      size: stored.size,
      status: 'UPLOADED',
      ownerId: newId(),
      createdAt: now,
      updatedAt: now,
      blobKey: `blobs/${id}`,
    };
    await assets.insert(asset, []);
    const elapsed = await time(() => worker.runNow(id));
    const done = await assets.findById(id);
    if (done?.status !== 'READY') throw new Error(`pipeline ended ${done?.status}: ${done?.failureReason}`);
    return elapsed;
  };

  const directImage = async (out: string) => {
    await fs.mkdir(out, { recursive: true });
    const source = sharp(image).autoOrient();
    for (const width of WIDTHS) {
      const resized = source.clone().resize({ width, withoutEnlargement: true });
      await resized
        .clone()
        .webp({ quality: 82 })
        .toFile(path.join(out, `${width}.webp`));
      await resized
        .clone()
        .png()
        .toFile(path.join(out, `${width}.png`));
    }
  };
  const ladder = ladderFor(720);
  const directVideo = async (out: string) => {
    await fs.mkdir(path.join(out, 'hls'), { recursive: true });
    ffmpeg(hlsVideoArgs(video, out, ladder, true));
    ffmpeg(posterArgs(video, out, SECONDS));
  };

  const results: Record<string, { direct: number[]; processors: number[]; pipeline: number[] }> = {
    image: { direct: [], processors: [], pipeline: [] },
    video: { direct: [], processors: [], pipeline: [] },
  };
  for (let run = 0; run < IMAGE_RUNS; run++) {
    results.image!.direct.push(await time(() => directImage(path.join(dir, `di${run}`))));
    results.image!.processors.push(await time(() => processImage(image, path.join(dir, `pi${run}`), { widths: WIDTHS })));
    results.image!.pipeline.push(await pipelineRun(image, 'IMAGE', 'image/png'));
  }
  for (let run = 0; run < VIDEO_RUNS; run++) {
    results.video!.direct.push(await time(() => directVideo(path.join(dir, `dv${run}`))));
    results.video!.processors.push(await time(() => processVideo(video, path.join(dir, `pv${run}`))));
    results.video!.pipeline.push(await pipelineRun(video, 'VIDEO', 'video/mp4'));
  }
  await worker.stop();
  await bus.close();
  await store.close();

  console.log(`\nMedia processing, ${os.cpus().length} CPUs, Node ${process.version}; medians of ${IMAGE_RUNS} image runs and ${VIDEO_RUNS} video runs`);
  console.log(`image: 2400×1600 PNG → ${WIDTHS.join('/')} px thumbnails in WebP + PNG`);
  console.log(`video: ${SECONDS} s 1280×720 H.264+AAC → HLS ${ladder.map((rung) => rung.name).join(' + ')} + poster\n`);
  console.log('kind   direct sharp/ffmpeg   processors (ratio)    worker pipeline (ratio)');
  for (const [kind, times] of Object.entries(results)) {
    const direct = median(times.direct);
    const processors = median(times.processors);
    const pipeline = median(times.pipeline);
    console.log(
      `${kind.padEnd(6)} ${`${direct.toFixed(0)} ms`.padStart(12)}          ${`${processors.toFixed(0)} ms`.padStart(9)} (${(processors / direct).toFixed(2)}×)   ${`${pipeline.toFixed(0)} ms`.padStart(9)} (${(pipeline / direct).toFixed(2)}×)`,
    );
  }
  console.log('\nGoal: ≤ 1.1× direct. The pipeline adds probing (ffprobe), reading the original from storage, uploading the renditions and the status writes.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
