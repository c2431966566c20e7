import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openKafkaBus, type DeliveredMessage } from '@skillgraph/platform';
import { kcatAvailable, startKafkaMock, type KafkaMock } from '../../../../packages/platform/test/support/kafka-mock';
import { makePng } from '../processing/support/fixtures';
import { openWorkerHarness, type WorkerHarness } from './support/worker-harness';

const UPLOADS = 20;

/** MEDIA_READY events per asset: exactly one each means no asset was finished twice. */
function readyCounts(messages: DeliveredMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    const event = message.value as { event_type: string; asset_id: string };
    if (event.event_type === 'MEDIA_READY') counts.set(event.asset_id, (counts.get(event.asset_id) ?? 0) + 1);
  }
  return counts;
}

(kcatAvailable() ? describe : describe.skip)('two media workers in one consumer group on Kafka (kcat mock cluster)', () => {
  let mock: KafkaMock;
  let harness: WorkerHarness;
  let files: string;
  jest.setTimeout(120_000);

  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'media-two-workers-'));
    mock = await startKafkaMock();
  });
  afterAll(async () => {
    await harness?.close();
    await mock?.stop();
    await rm(files, { recursive: true, force: true });
  });

  it(`share ${UPLOADS} uploads: every asset READY, each step run once per asset, both workers did work`, async () => {
    harness = await openWorkerHarness({
      openBus: () =>
        openKafkaBus({
          settings: { brokers: mock.brokers, clientId: 'media-two-workers', partitions: 4, replicationFactor: 3, sendRetries: 3, connectionTimeoutMs: 1000 },
          logger: pino({ level: 'silent' }),
          // Test pacing only: the mock waits session timeout - 1 s before settling a rejoin.
          sessionTimeoutMs: 3000,
          maxWaitTimeMs: 200,
        }),
    });
    // A long lease and sweep: sharing must come from the consumer group, not from sweeps.
    const settings = { concurrency: 1, leaseMs: 60_000, sweepIntervalMs: 60_000, thumbnailWidths: [32] };
    const first = await harness.startWorker(settings, null);
    const second = await harness.startWorker(settings, null);

    const ids: string[] = [];
    for (let i = 0; i < UPLOADS; i++) {
      await makePng(join(files, `p${i}.png`), 64 + i, 48);
      ids.push((await harness.upload(join(files, `p${i}.png`), 'IMAGE', 'image/png'))._id);
    }
    const done = await harness.waitFor(ids, (asset) => asset.status === 'READY', 100_000);

    // Counted in the asset documents when each step's work began.
    for (const asset of done) expect(asset.processingSteps).toEqual({ scan: 1, process: 1 });
    const byWorker = [first, second].map((worker) => worker.metrics.snapshot().steps['process:IMAGE']?.count ?? 0);
    expect(byWorker[0]! + byWorker[1]!).toBe(UPLOADS);
    expect(byWorker[0]).toBeGreaterThan(0);
    expect(byWorker[1]).toBeGreaterThan(0);

    const events = await harness.messages('media.events', (messages) => readyCounts(messages).size === UPLOADS);
    expect([...readyCounts(events).values()].every((count) => count === 1)).toBe(true);
  });
});

describe('two media workers on the embedded bus', () => {
  it('never run a step twice: the consuming member takes the events, the other only what it can claim', async () => {
    const files = await mkdtemp(join(tmpdir(), 'media-two-embedded-'));
    const harness = await openWorkerHarness();
    try {
      const settings = { concurrency: 2, leaseMs: 2000, sweepIntervalMs: 100, thumbnailWidths: [32] };
      await harness.startWorker(settings, null);
      await harness.startWorker(settings, null);
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        await makePng(join(files, `e${i}.png`), 40 + i, 30);
        ids.push((await harness.upload(join(files, `e${i}.png`), 'IMAGE', 'image/png'))._id);
      }
      const done = await harness.waitFor(ids, (asset) => asset.status === 'READY');
      for (const asset of done) expect(asset.processingSteps).toEqual({ scan: 1, process: 1 });
    } finally {
      await harness.close();
      await rm(files, { recursive: true, force: true });
    }
  }, 180_000);
});
