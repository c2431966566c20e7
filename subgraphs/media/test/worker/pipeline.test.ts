import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { DeliveredMessage } from '@skillgraph/platform';
import { createClamdScanner, transientFailure, type VirusScanner } from '../../src/processing';
import { clamdAvailable, ensureClamd } from '../processing/support/clamd';
import { EICAR, makeCorruptMp4, makePng } from '../processing/support/fixtures';
import { requestReprocessing } from '../../src/worker/reprocess';
import { lifecycleOf, openWorkerHarness, type WorkerHarness } from './support/worker-harness';
import { writeFile } from 'node:fs/promises';

const eventTypes = (messages: DeliveredMessage[]) => messages.map((m) => (m.value as { event_type: string }).event_type);
const hasEvent = (assetId: string, type: string) => (messages: DeliveredMessage[]) => lifecycleOf(messages, assetId).includes(type);

describe('media worker pipeline (embedded bus, real tools)', () => {
  let harness: WorkerHarness;
  let files: string;
  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'media-worker-files-'));
  });
  afterAll(() => rm(files, { recursive: true, force: true }));
  afterEach(() => harness?.close());

  it('without a scanner: UPLOADED → SCANNING → CLEAN (NOT_SCANNED, said so) → PROCESSING → READY, each with its event, thumbnails stored', async () => {
    harness = await openWorkerHarness();
    await harness.startWorker({}, null);
    await makePng(join(files, 'cover.png'), 1600, 900);
    const asset = await harness.upload(join(files, 'cover.png'), 'IMAGE', 'image/png');

    const [done] = await harness.waitFor([asset._id], (a) => a.status === 'READY');
    expect(done!.scan?.verdict).toBe('NOT_SCANNED');
    expect(done!.progress).toBe(100);
    expect(done!.renditions?.width).toBe(1600);
    expect(done!.renditions?.thumbnails?.map((t) => [t.width, t.height, t.contentType])).toEqual([
      [160, 90, 'image/webp'],
      [160, 90, 'image/png'],
      [480, 270, 'image/webp'],
      [480, 270, 'image/png'],
      [1280, 720, 'image/webp'],
      [1280, 720, 'image/png'],
    ]);
    // The stored WebP decodes to the recorded size.
    const webp = done!.renditions!.thumbnails!.find((t) => t.width === 480 && t.contentType === 'image/webp')!;
    const object = await harness.storage.get(webp.key);
    const chunks: Buffer[] = [];
    for await (const chunk of object!.body) chunks.push(chunk as Buffer);
    expect((await sharp(Buffer.concat(chunks)).metadata()).height).toBe(270);
    expect(webp.key.startsWith(`assets/${asset._id}/thumbnails/`)).toBe(true);

    const events = await harness.messages('media.events', hasEvent(asset._id, 'MEDIA_READY'));
    expect(lifecycleOf(events, asset._id)).toEqual(['MEDIA_UPLOADED', 'MEDIA_SCAN_STARTED', 'MEDIA_CLEAN', 'MEDIA_PROCESSING_STARTED', 'MEDIA_READY']);
    const clean = events
      .map((m) => m.value as { event_type: string; asset_id: string; reason?: string })
      .find((e) => e.asset_id === asset._id && e.event_type === 'MEDIA_CLEAN');
    expect(clean?.reason).toBe('Not scanned: no virus scanner is configured.');
    expect(done!.processingSteps).toEqual({ scan: 1, process: 1 });
  });

  (clamdAvailable() ? it : it.skip)('the EICAR file ends INFECTED (real clamd), its bytes under quarantine/, MEDIA_INFECTED published', async () => {
    const address = ensureClamd();
    harness = await openWorkerHarness();
    await harness.startWorker({}, createClamdScanner(address));
    await writeFile(join(files, 'eicar.txt'), EICAR);
    const asset = await harness.upload(join(files, 'eicar.txt'), 'DOCUMENT', 'text/plain');

    const [done] = await harness.waitFor([asset._id], (a) => a.status === 'INFECTED');
    expect(done!.scan).toMatchObject({ verdict: 'INFECTED', detail: expect.stringContaining('Eicar-Test-Signature') });
    expect(done!.blobKey).toBe(`quarantine/blobs/${asset._id}`);
    expect(await harness.storage.head(`blobs/${asset._id}`)).toBeNull();
    expect(await harness.storage.head(`quarantine/blobs/${asset._id}`)).toMatchObject({ size: EICAR.length });
    expect(done!.renditions).toBeUndefined();
    expect(done!.processingSteps).toEqual({ scan: 1 });

    const events = await harness.messages('media.events', hasEvent(asset._id, 'MEDIA_INFECTED'));
    expect(lifecycleOf(events, asset._id)).toEqual(['MEDIA_UPLOADED', 'MEDIA_SCAN_STARTED', 'MEDIA_INFECTED']);
    const infected = events
      .map((m) => m.value as { event_type: string; asset_id: string; reason?: string })
      .find((e) => e.asset_id === asset._id && e.event_type === 'MEDIA_INFECTED');
    expect(infected?.reason).toContain('quarantined');
  });

  it('a corrupt MP4 ends FAILED with a reason on the first attempt (permanent), and its MEDIA_UPLOADED is dead-lettered', async () => {
    harness = await openWorkerHarness();
    await harness.startWorker({ maxAttempts: 3 }, null);
    await makeCorruptMp4(join(files, 'broken.mp4'));
    const asset = await harness.upload(join(files, 'broken.mp4'), 'VIDEO', 'video/mp4');

    const [done] = await harness.waitFor([asset._id], (a) => a.status === 'FAILED');
    expect(done!.failureReason).toBe('The file is not a readable video or audio file.');
    expect(done!.processingSteps).toEqual({ scan: 1, process: 1 });

    const dead = await harness.messages('media.events.dlq', (messages) => messages.some((m) => m.key === asset._id));
    const letter = dead.find((m) => m.key === asset._id)!;
    expect(letter.value).toMatchObject({ event_type: 'MEDIA_UPLOADED', asset_id: asset._id });
    expect(letter.headers).toMatchObject({
      'x-dlq-reason': 'The file is not a readable video or audio file.',
      'x-dlq-group': 'media-worker',
      'x-dlq-source-topic': 'media.events',
    });
    const events = await harness.messages('media.events', hasEvent(asset._id, 'MEDIA_FAILED'));
    expect(lifecycleOf(events, asset._id).at(-1)).toBe('MEDIA_FAILED');
  });

  it('retries transient failures with backoff: succeeds on the third try; gives up after the configured attempts', async () => {
    harness = await openWorkerHarness();
    let calls = 0;
    // A scanner that is down for its first two calls, then a real verdict: the failure is injected, the recovery is real.
    const flaky: VirusScanner = {
      ping: async () => true,
      scanFile: async () => {
        calls += 1;
        if (calls <= 2) throw transientFailure('The virus scanner is not reachable.', 'injected');
        return { verdict: 'CLEAN' };
      },
    };
    await harness.startWorker({ maxAttempts: 3, retryBackoffMs: 50 }, flaky);
    await makePng(join(files, 'retry.png'), 320, 200);
    const asset = await harness.upload(join(files, 'retry.png'), 'IMAGE', 'image/png');
    const [done] = await harness.waitFor([asset._id], (a) => a.status === 'READY');
    expect(calls).toBe(3);
    expect(done!.processingAttempts).toBe(2);
    expect(done!.scan?.verdict).toBe('CLEAN');
    await harness.close();

    harness = await openWorkerHarness();
    const down: VirusScanner = {
      ping: async () => false,
      scanFile: async () => Promise.reject(transientFailure('The virus scanner is not reachable.', 'injected')),
    };
    await harness.startWorker({ maxAttempts: 3, retryBackoffMs: 50 }, down);
    const stuck = await harness.upload(join(files, 'retry.png'), 'IMAGE', 'image/png');
    const [failed] = await harness.waitFor([stuck._id], (a) => a.status === 'FAILED');
    expect(failed!.failureReason).toBe('The virus scanner is not reachable.');
    expect(failed!.processingSteps?.scan).toBe(3);
    const dead = await harness.messages('media.events.dlq', (messages) => messages.some((m) => m.key === stuck._id));
    expect(dead.find((m) => m.key === stuck._id)?.headers['x-dlq-attempts']).toBe('3');
    expect(eventTypes(dead)).toContain('MEDIA_UPLOADED');
  });

  it('reprocessing a READY asset sends it through the whole lifecycle again, with fresh counts; an asset not READY or FAILED is refused', async () => {
    harness = await openWorkerHarness();
    await harness.startWorker({}, null);
    await makePng(join(files, 'again.png'), 500, 300);
    const asset = await harness.upload(join(files, 'again.png'), 'IMAGE', 'image/png');
    await harness.waitFor([asset._id], (a) => a.status === 'READY');

    const restarted = await requestReprocessing(harness.assets, asset._id);
    expect(restarted?.status).toBe('UPLOADED');
    expect(await requestReprocessing(harness.assets, asset._id)).toBeNull(); // not READY/FAILED any more
    harness.relay.notify();
    const readyTwice = (messages: DeliveredMessage[]) => lifecycleOf(messages, asset._id).filter((type) => type === 'MEDIA_READY').length === 2;
    const events = await harness.messages('media.events', readyTwice);
    expect(lifecycleOf(events, asset._id)).toEqual([
      ...['MEDIA_UPLOADED', 'MEDIA_SCAN_STARTED', 'MEDIA_CLEAN', 'MEDIA_PROCESSING_STARTED', 'MEDIA_READY'],
      ...['MEDIA_UPLOADED', 'MEDIA_SCAN_STARTED', 'MEDIA_CLEAN', 'MEDIA_PROCESSING_STARTED', 'MEDIA_READY'],
    ]);
    const [again] = await harness.waitFor([asset._id], (a) => a.status === 'READY');
    expect(again!.processingSteps).toEqual({ scan: 1, process: 1 });
    expect(again!.processingRuns).toBe(1);
  });
});
