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
 * Options: --image-runs <n> (default 7), --video-runs <n> (default 3), --seconds <n> (video length, default 6),
 * --bombs-only (skip the image and video runs), --bomb-batches <n,n> (bombs at once per run, default 1,3).
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

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const IMAGE_RUNS = argument('image-runs', 7);
const VIDEO_RUNS = argument('video-runs', 3);
const SECONDS = argument('seconds', 6);
const BOMBS_ONLY = process.argv.includes('--bombs-only');
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
    if (!BOMBS_ONLY) await processingRuns(dir, logger);
    await bombRuns(dir, logger);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The DOCX bomb through the worker pipeline: alone, then three at once (three slots). */
async function bombRuns(dir: string, logger: ReturnType<typeof createLogger>): Promise<void> {
  const bomb = path.join(dir, 'bomb.docx');
  const zeros = await deflatedZeros(1024 * 1024 * 1024);
  await writeZip(bomb, [...docxFrame(), { name: 'word/document.xml', deflated: zeros }]);
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
