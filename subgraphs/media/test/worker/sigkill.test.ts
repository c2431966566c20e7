import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReadStream, readFileSync } from 'node:fs';
import { createLogger, createOutboxRelay, loadEventsConfig, newId, openDocumentStore, openEventBus, type DeliveredMessage } from '@skillgraph/platform';
import { loadStorageConfig, openMediaStorage } from '@skillgraph/platform/src/storage';
import { openMediaAssetRepository } from '../../src/data/media-asset-repository';
import type { MediaAssetRecord } from '../../src/data/records';
import { mediaEntered } from '../../src/events/media-events';
import { openAssetLeases, type WorkedAsset } from '../../src/worker/asset-leases';
import { makePdfOfHeavyImages, makeVideo } from '../processing/support/fixtures';
import { signalGroup, spawnTracked, stopGroup } from '../../../../test/support/child-processes';

const REPO_ROOT = join(__dirname, '../../../..');
const VIDEOS = 3;
const KILLS = 5;

async function openDataAt(dataDir: string) {
  const logger = createLogger({ service: 'sigkill-test', level: 'error' });
  const store = await openDocumentStore({ directory: join(dataDir, 'media') });
  const bus = await openEventBus(loadEventsConfig({ DATA_DIR: dataDir, EVENTS_FSYNC: 'false' }, 'sigkill-test'), { logger });
  const { storage } = await openMediaStorage(loadStorageConfig({ DATA_DIR: dataDir }), () => 'http://127.0.0.1');
  const assets = await openMediaAssetRepository(store);
  const leases = await openAssetLeases(store);
  const relay = createOutboxRelay({ bus, sources: [assets.outboxSource], logger, pollIntervalMs: 50 });
  return { store, bus, storage, assets, leases, relay, close: async () => (await relay.stop(), await bus.close(), await store.close()) };
}

const startedWorkers: ChildProcess[] = [];
afterAll(() => Promise.all(startedWorkers.map((child) => stopGroup(child))));

function startWorkerAt(dataDir: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<void> } {
  // Its own process group, recorded for the run's teardown: no worker (nor a tool of its group)
  // outlives the test run, however a test ends.
  const child = spawnTracked(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'subgraphs/media/src/worker/index.ts')], {
    label: 'media worker',
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  startedWorkers.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, output: () => output, exited };
}

async function until(what: string, condition: () => boolean, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; worker output:\n${output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const childrenNamed = (pid: number, name: string): number[] =>
  spawnSync('pgrep', ['-P', String(pid), '-x', name], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);

/** A process as /proc shows it: its start time (so a reused pid is not mistaken for it) and state. */
function procStat(pid: number): { state: string; started: string } | null {
  try {
    // The command name in parentheses may hold spaces: the fields after it are counted from the ")".
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { state: fields[0]!, started: fields[19]! };
  } catch {
    return null;
  }
}

/**
 * The worker as its own process (`node --import tsx subgraphs/media/src/worker/index.ts`, embedded
 * mode: the documents, the event log and the objects all under one DATA_DIR), killed with SIGKILL
 * while ffmpeg is transcoding, five times. Between runs only this test opens the data (one
 * process at a time, as the embedded engines require).
 */
describe('media worker killed mid-transcode (SIGKILL ×5)', () => {
  jest.setTimeout(600_000); // a ceiling for a loaded machine; the waits below end on what they wait for
  let dataDir: string;
  const env = () => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    EVENTS_FSYNC: 'false',
    MEDIA_WORKER_CONCURRENCY: '1',
    MEDIA_WORKER_LEASE_MS: '1500',
    MEDIA_WORKER_SWEEP_MS: '200',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'media-sigkill-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const openData = () => openDataAt(dataDir);
  const startWorker = () => startWorkerAt(dataDir, env());
  const ffmpegChildren = (pid: number) => childrenNamed(pid, 'ffmpeg');

  it('every asset ends READY exactly once, with no duplicate renditions and none left PROCESSING', async () => {
    // Upload: the bytes stored, the assets inserted with MEDIA_UPLOADED, the events on the log.
    const ids: string[] = [];
    {
      const data = await openData();
      data.relay.start();
      for (let i = 0; i < VIDEOS; i++) {
        const file = join(dataDir, `source-${i}.mp4`);
        makeVideo(file, { width: 1280, height: 720, seconds: 2 });
        const id = newId();
        const now = new Date();
        const stored = await data.storage.put(`blobs/${id}`, createReadStream(file), { contentType: 'video/mp4' });
        const asset: MediaAssetRecord = {
          _id: id,
          kind: 'VIDEO',
          filename: `lecture-${i}.mp4`,
          contentType: 'video/mp4',
          size: stored.size,
          status: 'UPLOADED',
          ownerId: newId(),
          createdAt: now,
          updatedAt: now,
          blobKey: `blobs/${id}`,
          derivedPrefix: `assets/${id}`,
        };
        await data.assets.insert(asset, [mediaEntered(asset, 'UPLOADED', now)]);
        ids.push(id);
      }
      data.relay.notify();
      const deadline = Date.now() + 120_000; // a ceiling, not a speed claim
      while ((await data.relay.backlog()).count > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await data.relay.backlog()).count).toBe(0);
      await data.close();
    }

    // Five runs killed while ffmpeg transcodes.
    for (let kill = 1; kill <= KILLS; kill++) {
      const worker = startWorker();
      const pid = worker.child.pid!;
      let transcoders: number[] = [];
      await until(`ffmpeg under the worker (kill ${kill})`, () => (transcoders = ffmpegChildren(pid)).length > 0, 120_000, worker.output);
      worker.child.kill('SIGKILL');
      await worker.exited;
      // Its ffmpeg children ran in its process group: they go too, as they would with their container.
      signalGroup(worker.child, 'SIGKILL');
      expect(transcoders.length).toBeGreaterThan(0);

      const data = await openData();
      const now = await Promise.all(ids.map((id) => data.leases.findById(id)));
      expect(now.filter((asset) => asset?.status === 'READY').length).toBeLessThan(VIDEOS); // killed before the end
      await data.close();
    }

    // A last run without interruption finishes everything; then a graceful stop.
    const last = startWorker();
    const readyLogged = (id: string) =>
      last
        .output()
        .split('\n')
        .some((line) => line.includes(id) && line.includes('"status":"READY"'));
    await until('every asset READY', () => ids.every(readyLogged), 180_000, last.output);
    last.child.kill('SIGTERM');
    await last.exited;

    const data = await openData();
    try {
      const assets = (await Promise.all(ids.map((id) => data.leases.findById(id)))) as WorkedAsset[];
      for (const asset of assets) {
        expect(asset.status).toBe('READY');
        expect(asset.processingLease).toBeUndefined();
        expect(asset.renditions?.hls).toEqual({ folder: `assets/${asset._id}/hls/`, masterKey: `assets/${asset._id}/hls/master.m3u8` });
        // Every object under the asset's prefix is one this run would write: no copies from killed runs.
        const keys = (await data.storage.list(`assets/${asset._id}/`)).map((key) => key.slice(`assets/${asset._id}/`.length)).sort();
        expect(keys).toEqual([
          'hls/480p/index.m3u8',
          'hls/480p/segment_000.ts',
          'hls/720p/index.m3u8',
          'hls/720p/segment_000.ts',
          'hls/master.m3u8',
          'poster.jpg',
        ]);
        expect(asset.processingAttempts ?? 0).toBe(0); // kills are not failures
      }
      // The kills are visible: more process steps began than assets exist.
      const started = assets.reduce((sum, asset) => sum + (asset.processingSteps?.process ?? 0), 0);
      expect(started).toBeGreaterThanOrEqual(VIDEOS + KILLS);

      // The event log: one MEDIA_READY per asset, nothing else after it. Events the worker staged
      // but had not relayed when it stopped are in the documents' outbox: relay them first.
      data.relay.start();
      const drained = Date.now() + 120_000;
      while ((await data.relay.backlog()).count > 0 && Date.now() < drained) await new Promise((resolve) => setTimeout(resolve, 50));
      const events: DeliveredMessage[] = [];
      const reader = await data.bus.subscribe({
        groupId: `reader-${newId()}`,
        topics: ['media.events'],
        fromBeginning: true,
        handler: async (m) => void events.push(m),
      });
      const deadline = Date.now() + 120_000;
      const readyOf = (id: string) =>
        events.filter(
          (m) => (m.value as { asset_id: string; event_type: string }).asset_id === id && (m.value as { event_type: string }).event_type === 'MEDIA_READY',
        ).length;
      while (!ids.every((id) => readyOf(id) >= 1) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await reader.stop();
      for (const id of ids) {
        expect(readyOf(id)).toBe(1);
        const lifecycle = events
          .map((m) => m.value as { asset_id: string; event_type: string })
          .filter((e) => e.asset_id === id)
          .map((e) => e.event_type);
        expect(lifecycle.at(-1)).toBe('MEDIA_READY');
      }
    } finally {
      await data.close();
    }
  });
});

/**
 * A tool the worker started (ffmpeg, pdftoppm) must not outlive it: after a SIGKILL of the worker,
 * which no handler in the worker sees, the kernel kills the tool (PR_SET_PDEATHSIG, set by the
 * setpriv wrapper every tool is started through). Without it the orphan keeps transcoding or
 * rendering beside the next worker's run of the same asset.
 */
describe('case 9: ffmpeg and poppler children die with their worker', () => {
  jest.setTimeout(180_000);
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'media-orphans-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  async function store(file: string, kind: MediaAssetRecord['kind'], contentType: string): Promise<void> {
    const data = await openDataAt(dataDir);
    try {
      const id = newId();
      const now = new Date();
      const stored = await data.storage.put(`blobs/${id}`, createReadStream(file), { contentType });
      const asset: MediaAssetRecord = {
        _id: id,
        kind,
        filename: file.split('/').pop()!,
        contentType,
        size: stored.size,
        status: 'UPLOADED',
        ownerId: newId(),
        createdAt: now,
        updatedAt: now,
        blobKey: `blobs/${id}`,
        derivedPrefix: `assets/${id}`,
      };
      // No event needed: the worker's sweep finds an asset nobody claimed.
      await data.assets.insert(asset, []);
    } finally {
      await data.close();
    }
  }

  async function killWorkerWhile(tool: string): Promise<void> {
    const worker = startWorkerAt(dataDir, {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      EVENTS_FSYNC: 'false',
      MEDIA_WORKER_CONCURRENCY: '1',
      MEDIA_WORKER_SWEEP_MS: '100',
      // The asset was stored without its event: the sweep takes an UPLOADED asset after one lease period.
      MEDIA_WORKER_LEASE_MS: '500',
    });
    const tools: { pid: number; started: string }[] = [];
    try {
      await until(
        `${tool} under the worker`,
        () => {
          for (const pid of childrenNamed(worker.child.pid!, tool)) {
            const stat = procStat(pid);
            if (stat) tools.push({ pid, started: stat.started });
          }
          return tools.length > 0;
        },
        90_000,
        worker.output,
      );
      worker.child.kill('SIGKILL');
      await worker.exited;
      const alive = () =>
        tools.filter((tool) => {
          const stat = procStat(tool.pid);
          return stat !== null && stat.started === tool.started && stat.state !== 'Z';
        });
      // A readiness wait, not a budget: the kernel's SIGKILL lands at once; the ceiling is for a busy machine.
      const deadline = Date.now() + 10_000;
      while (alive().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(alive().map((tool) => tool.pid)).toEqual([]);
    } finally {
      worker.child.kill('SIGKILL');
      await worker.exited;
      // Whatever survived (the old behaviour) is this test's to clean up.
      for (const { pid } of tools) spawnSync('kill', ['-KILL', String(pid)]);
    }
  }

  it('ffmpeg transcoding a video dies when the worker is SIGKILLed', async () => {
    // Long enough that the transcode would run well past the wait above if it were not killed.
    const file = join(dataDir, 'lecture.mp4');
    makeVideo(file, { width: 1280, height: 720, seconds: 40 });
    await store(file, 'VIDEO', 'video/mp4');
    await killWorkerWhile('ffmpeg');
  });

  it('pdftoppm rendering a PDF dies when the worker is SIGKILLed', async () => {
    // One page drawing a 36-megapixel JPEG forty times: poppler decodes it each time (seconds of work).
    const file = join(dataDir, 'heavy.pdf');
    await makePdfOfHeavyImages(file, 40);
    await store(file, 'DOCUMENT', 'application/pdf');
    await killWorkerWhile('pdftoppm');
  });
});
