/**
 * `npm run events -- tail`, run as its own process, in both modes: following the embedded log
 * files a running system writes, and as a Kafka consumer (against the kcat mock cluster).
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import pino from 'pino';
import { signalGroup, spawnTracked } from '../../../../test/support/child-processes';
import { type EventBus, openEmbeddedBus, openKafkaBus } from '../../src/events';
import { type KafkaMock, kcatAvailable, startKafkaMock } from '../support/kafka-mock';
import { enrolled, temporaryDirectory, waitFor } from './fixtures';

const root = path.resolve(__dirname, '../../../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

interface Tail {
  lines: () => Array<{ offset: string; key: string; value: { event_id: string } }>;
  exited: Promise<number | null>;
  process: ChildProcessWithoutNullStreams;
}

function tail(args: string[], environment: Record<string, string>): Tail {
  const child = spawnTracked(tsx, [path.join(root, 'scripts', 'events.ts'), 'tail', ...args, '--json'], {
    label: 'events tail',
    stdio: 'pipe',
    cwd: root,
    env: { ...process.env, ...environment },
  }) as ChildProcessWithoutNullStreams;
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 40_000);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(killer);
      if (code !== 0) process.stderr.write(`events tail exited with ${code}: ${errors}\n`);
      resolve(code);
    }),
  );
  return {
    lines: () =>
      output
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ReturnType<Tail['lines']>[number]),
    exited,
    process: child,
  };
}

describe('events tail (CLI)', () => {
  test('follows the embedded log files of a running system from another process', async () => {
    const dataDir = await temporaryDirectory('cli');
    const bus: EventBus = await openEmbeddedBus({ directory: path.join(dataDir.path, 'events') });
    try {
      const before = [enrolled('c-1', 1), enrolled('c-2', 2)];
      await bus.publish(
        'course.events',
        before.map((event) => ({ key: event.course_id, event })),
      );
      const fromStart = tail(['course.events', '--from-beginning', '--max', '3'], { DATA_DIR: dataDir.path, KAFKA_BROKERS: '' });
      const fromOffset = tail(['course.events', '--offset', '1', '--max', '2'], { DATA_DIR: dataDir.path, KAFKA_BROKERS: '' });
      await waitFor('the existing events to be printed', () => fromStart.lines().length === 2 && fromOffset.lines().length === 1, 60_000);
      const after = enrolled('c-1', 3);
      await bus.publish('course.events', [{ key: 'c-1', event: after }]);
      expect(await fromStart.exited).toBe(0);
      expect(await fromOffset.exited).toBe(0);
      expect(fromStart.lines().map((line) => line.value.event_id)).toEqual([...before, after].map((event) => event.event_id));
      expect(fromStart.lines().map((line) => line.offset)).toEqual(['0', '1', '2']);
      expect(fromOffset.lines().map((line) => line.value.event_id)).toEqual([before[1]!.event_id, after.event_id]);
    } finally {
      await bus.close();
      await dataDir.remove();
    }
  }, 180_000);

  (kcatAvailable() ? test : test.skip)(
    'tails a Kafka topic as a consumer',
    async () => {
      const mock: KafkaMock = await startKafkaMock();
      const bus = await openKafkaBus({
        settings: { brokers: mock.brokers, clientId: 'cli-test', partitions: 3, replicationFactor: 3, sendRetries: 2, connectionTimeoutMs: 1000 },
        logger: pino({ level: 'silent' }),
      });
      try {
        const before = enrolled('c-1', 1);
        await bus.publish('course.events', [{ key: 'c-1', event: before }]);
        const follower = tail(['course.events', '--from-beginning', '--max', '2'], { KAFKA_BROKERS: mock.brokers.join(',') });
        await waitFor('the existing event to be printed', () => follower.lines().length === 1, 60_000);
        const after = enrolled('c-1', 2);
        await bus.publish('course.events', [{ key: 'c-1', event: after }]);
        expect(await follower.exited).toBe(0);
        expect(follower.lines().map((line) => line.value.event_id)).toEqual([before.event_id, after.event_id]);
        expect(follower.lines()[0]!.key).toBe('c-1');
      } finally {
        await bus.close();
        await mock.stop();
      }
    },
    180_000,
  );
});
