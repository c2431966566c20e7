import { spawnSync, type ChildProcess } from 'node:child_process';
import { signalGroup, spawnTracked } from '../../../../test/support/child-processes';
import { recordSkip } from '../../../../test/support/skips';
import { type KafkaMockProxy, type ProxyObservations, startKafkaMockProxy } from './kafka-mock-proxy';

/**
 * librdkafka's built-in Kafka-protocol mock cluster, started through Debian's `kcat` (design §8),
 * for tests only. Reusable by any suite:
 *
 *   const kafka = await startKafkaMock();   // kafka.brokers → ['127.0.0.1:P', ...]
 *   ...
 *   await kafka.stop();
 *
 * What we observed with librdkafka 2.0.2 and kafkajs 2.2.4, and how this helper deals with it
 * WITHOUT touching production settings (the bus keeps idempotent: true, acks: -1 and provisions
 * its topics with CreateTopics):
 *  - Metadata says the controller is node 0 while the brokers are 1..N, so kafkajs fails with
 *    "Broker 0 not found in the cached metadata" in every admin call and in the idempotent
 *    producer's InitProducerId (sent to the "controller").
 *  - CreateTopics and DescribeGroups are not implemented (topics are auto-created with 4
 *    partitions, replication min(3, brokers)).
 * So clients talk to a small protocol-aware proxy (kafka-mock-proxy.ts) that reports a real
 * broker as controller, answers CreateTopics itself ("already exists" on the second call, which
 * also exercises the bus's tolerance of it) and rewrites broker addresses so all traffic goes
 * through it. The proxy is also the network cable a test can pull: `cut()` refuses connections on
 * the same addresses until `restore()`. DescribeGroups stays unsupported; nothing here needs it.
 */

export interface KafkaMock {
  /** Addresses clients connect to (the proxy), e.g. for KAFKA_BROKERS. */
  readonly brokers: string[];
  /** The mock cluster's own addresses, bypassing the proxy. */
  readonly upstream: string[];
  /** Requests clients sent (API keys, Produce acks, CreateTopics), to check settings on the wire. */
  readonly observed: ProxyObservations;
  /** Makes the brokers unreachable (connections refused) until `restore()`. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  stop(): Promise<void>;
}

export interface KafkaMockOptions {
  brokers?: number;
  /** The mock kills itself after this long even if the test never stops it. */
  maxLifetimeSeconds?: number;
  startTimeoutMs?: number;
}

/**
 * True when `kcat` is installed (Debian package `kcat`). A developer without it gets the Kafka
 * suites skipped with a message; CI, which installs it, must never skip them silently.
 */
export function kcatAvailable(): boolean {
  const available = spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0;
  if (!available && process.env.CI === 'true') throw new Error('kcat is not installed, but CI must run the Kafka suites (apt-get install -y kcat)');
  if (!available) recordSkip('kcat is not installed (apt-get install -y kcat); the Kafka suites did not run');
  return available;
}

export async function startKafkaMock(options: KafkaMockOptions = {}): Promise<KafkaMock> {
  const { brokers = 3, maxLifetimeSeconds = 300, startTimeoutMs = 60_000 } = options;
  // `timeout` bounds the mock's life should the test process die without stopping it.
  const child = spawnTracked(
    'timeout',
    ['-s', 'KILL', String(maxLifetimeSeconds), 'kcat', '-b', '127.0.0.1:9092', '-X', `test.mock.num.brokers=${brokers}`, '-C', '-t', 'warmup', '-q'],
    { stdio: ['ignore', 'ignore', 'pipe'], label: 'kcat mock Kafka cluster' },
  );
  let upstream: string[];
  try {
    upstream = await mockAddresses(child, startTimeoutMs);
  } catch (error) {
    signalGroup(child, 'SIGKILL');
    throw error;
  }
  const proxy: KafkaMockProxy = await startKafkaMockProxy(upstream);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = (): void => {
    signalGroup(child, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  return {
    brokers: proxy.brokers,
    upstream,
    observed: proxy.observed,
    cut: () => proxy.cut(),
    restore: () => proxy.restore(),
    async stop() {
      process.removeListener('exit', killOnExit);
      await proxy.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

function mockAddresses(child: ChildProcess, timeoutMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`kcat mock cluster did not start in ${timeoutMs} ms: ${output}`)), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kcat exited (${code}) before the mock cluster started: ${output}`));
    });
    // Keep draining stderr for the process's whole life so kcat never blocks on a full pipe.
    child.stderr?.on('data', (chunk: Buffer) => {
      if (output.length < 10_000) output += chunk.toString();
      const match = /replaced with (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].split(','));
      }
    });
  });
}
