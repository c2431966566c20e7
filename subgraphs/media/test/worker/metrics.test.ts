import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePrometheus, sampleValue, scrape, type Sample } from '../../../../gateway/test/support/prometheus';
import { eventually, login, ok, type Client } from '../../../../packages/stack/test/support/learning-loop';
import { startMediaStack, uploadThroughGateway, type MediaTestStack } from '../../../../packages/stack/test/support/media';
import { freePort } from '../../../../packages/stack/test/support/process';
import { loadWorkerConfig } from '../../src/worker/config';
import { runMediaWorker } from '../../src/worker/run-worker';
import { makeCorruptMp4, makePng } from '../processing/support/fixtures';

/**
 * The worker's processing metrics as Prometheus reads them: on the media subgraph's /metrics in
 * the one-process stack, and on MEDIA_WORKER_METRICS_PORT for the standalone worker.
 */
const STEP = 'media_worker_step_duration_seconds';
const FAILURES = 'media_worker_step_failures_total';

describe('media worker metrics on the media subgraph /metrics', () => {
  let t: MediaTestStack;
  let grace: Client;
  let files: string;
  let metricsUrl: string;
  jest.setTimeout(180_000);

  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'media-metrics-'));
    await makePng(join(files, 'chart.png'), 400, 200);
    await makeCorruptMp4(join(files, 'broken.mp4'));
    const config = loadWorkerConfig({ MEDIA_WORKER_TMP_DIR: join(files, 'work'), MEDIA_WORKER_MAX_ATTEMPTS: '2', MEDIA_WORKER_RETRY_BACKOFF_MS: '100' });
    t = await startMediaStack({ stack: { mediaWorker: config } });
    metricsUrl = new URL('/metrics', t.stack.subgraphUrls.media).href;
    grace = await login(t.stack, 'grace@skillgraph.dev');
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    if (files) await rm(files, { recursive: true, force: true });
  });

  const upload = async (file: string, filename: string, mimetype: string, kind: 'IMAGE' | 'VIDEO') =>
    ok(await uploadThroughGateway(t.stack, grace, { bytes: await readFile(file), filename, mimetype, kind, purpose: 'PUBLIC' })).uploadMedia.id;
  const statusOf = async (id: string) => (await t.assets.findById(id))?.status;

  it('a PNG processed through the stack moves the process-step histogram for IMAGE; the text parses and the queue is empty after', async () => {
    const before = await scrape(metricsUrl);
    // Declared before any step ran: the histogram has no series yet, the gauge reads the store.
    expect(before.find((sample) => sample.name === 'media_worker_queue_depth')).toMatchObject({ labels: { service: 'media' } });
    const id = await upload(join(files, 'chart.png'), 'chart.png', 'image/png', 'IMAGE');
    await eventually('PNG READY', async () => ((await statusOf(id)) === 'READY' ? true : undefined), 60_000);

    const text = await (await fetch(metricsUrl)).text();
    const after = parsePrometheus(text);
    expect(text).toContain(`# TYPE ${STEP} histogram`);
    const count = (samples: Sample[], step: string) => sampleValue(samples, `${STEP}_count`, { step, kind: 'IMAGE' });
    expect(count(after, 'process')).toBe(count(before, 'process') + 1);
    expect(count(after, 'scan')).toBe(count(before, 'scan') + 1);
    expect(sampleValue(after, `${STEP}_sum`, { step: 'process', kind: 'IMAGE' })).toBeGreaterThan(0);
    // Buckets are cumulative and end with +Inf holding the count.
    const buckets = after.filter((s) => s.name === `${STEP}_bucket` && s.labels.step === 'process' && s.labels.kind === 'IMAGE');
    expect(buckets.at(-1)).toMatchObject({ labels: { le: '+Inf' }, value: count(after, 'process') });
    expect(buckets.every((bucket, i) => i === 0 || bucket.value >= buckets[i - 1]!.value)).toBe(true);
    expect(sampleValue(after, 'media_worker_queue_depth')).toBe(0);
    // The subgraph's own metrics are still there, on the same registry.
    expect(after.some((sample) => sample.name === 'graphql_requests_total')).toBe(true);
  });

  it('a corrupt video counts one permanent failure of the process step for VIDEO and one failed asset, no retry', async () => {
    const before = await scrape(metricsUrl);
    const id = await upload(join(files, 'broken.mp4'), 'broken.mp4', 'video/mp4', 'VIDEO');
    await eventually('MP4 FAILED', async () => ((await statusOf(id)) === 'FAILED' ? true : undefined), 60_000);
    const after = await scrape(metricsUrl);
    const delta = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta(FAILURES, { step: 'process', kind: 'VIDEO', class: 'permanent' })).toBe(1);
    expect(delta(FAILURES, { step: 'process', kind: 'VIDEO', class: 'transient' })).toBe(0);
    expect(delta('media_worker_assets_failed_total', { kind: 'VIDEO' })).toBe(1);
    expect(delta('media_worker_retries_total', { kind: 'VIDEO' })).toBe(0);
    expect(delta(`${STEP}_count`, { step: 'process', kind: 'VIDEO' })).toBe(0);
  });
});

describe('standalone media worker /metrics', () => {
  jest.setTimeout(180_000);

  it('is served on MEDIA_WORKER_METRICS_PORT, labelled media-worker, and not served without it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'media-worker-metrics-'));
    const port = await freePort();
    const running = await runMediaWorker({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', MEDIA_WORKER_METRICS_PORT: String(port) });
    try {
      expect(running.metricsUrl).toBe(`http://127.0.0.1:${port}/metrics`);
      const samples = await scrape(running.metricsUrl!);
      expect(samples.find((sample) => sample.name === 'media_worker_queue_depth')).toEqual({
        name: 'media_worker_queue_depth',
        labels: { service: 'media-worker' },
        value: 0,
      });
      expect(samples.some((sample) => sample.name === 'process_cpu_user_seconds_total')).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await running.stop();
    }
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();

    const quiet = await runMediaWorker({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(quiet.metricsUrl).toBeNull();
    await quiet.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
});
