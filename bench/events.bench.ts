/**
 * Event-system benchmark, one run, figures measured side by side (npm run bench:events):
 *  1. write latency of a state change with its event staged in the outbox vs without
 *     (insertOne and updateOne, nedb in memory and on files);
 *  2. relay throughput (events/s from staged to acknowledged) for the embedded bus (fsync on)
 *     and for Kafka (kafkajs against the kcat mock cluster, when kcat is installed).
 *
 * Options: --writes <n> (default 3000), --events <n> (default 20000).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { type DocumentStore, type StoredDocument, openNedbStore } from '../packages/platform/src/documents';
import { type EventBus, createEvent, createOutboxRelay, openEmbeddedBus, openKafkaBus, outboxPush, withOutbox } from '../packages/platform/src/events';
import { newId } from '../packages/platform/src/ids';
import { kcatAvailable, startKafkaMock } from '../packages/platform/test/support/kafka-mock';

interface Enrollment extends StoredDocument {
  user_id: string;
  course_id: string;
  progress: number;
}

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const WRITES = argument('writes', 3000);
const EVENTS = argument('events', 20_000);

const enrolledEvent = (doc: Enrollment) => createEvent('COURSE_ENROLLED', { user_id: doc.user_id, course_id: doc.course_id, course_title: 'Graph theory' });
const progressEvent = (doc: Enrollment) =>
  createEvent('COURSE_COMPLETED', { user_id: doc.user_id, course_id: doc.course_id, course_title: 'Graph theory', completed_at: new Date().toISOString() });
const newEnrollment = (): Enrollment => ({ _id: newId(), user_id: newId(), course_id: `c-${Math.floor(Math.random() * 50)}`, progress: 0 });

interface Stats {
  meanUs: number;
  p50Us: number;
  p99Us: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 1000;
  return { meanUs: (samples.reduce((sum, value) => sum + value, 0) / samples.length) * 1000, p50Us: at(0.5), p99Us: at(0.99) };
}

async function timed(count: number, write: (index: number) => Promise<unknown>): Promise<Stats> {
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    await write(index);
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

async function writeLatency(label: string, open: () => Promise<DocumentStore>): Promise<void> {
  const store = await open();
  const plain = await store.collection<Enrollment>({ name: 'plain', indexes: [{ fields: ['user_id'] }] });
  const staged = await store.collection<Enrollment>({ name: 'staged', indexes: [{ fields: ['user_id'] }] });
  const plainDocs = Array.from({ length: WRITES }, newEnrollment);
  const stagedDocs = Array.from({ length: WRITES }, newEnrollment);
  // Warm-up, so the first timed writes do not pay for JIT and Ajv compilation.
  await timed(200, () => staged.insertOne(withOutbox(newEnrollment(), [enrolledEvent(newEnrollment())])));
  await timed(200, () => plain.insertOne(newEnrollment()));

  const rows: Array<[string, Stats, Stats]> = [];
  const insertPlain = await timed(WRITES, (i) => plain.insertOne(plainDocs[i]!));
  const insertStaged = await timed(WRITES, (i) => staged.insertOne(withOutbox(stagedDocs[i]!, [enrolledEvent(stagedDocs[i]!)])));
  rows.push(['insertOne', insertPlain, insertStaged]);
  const updatePlain = await timed(WRITES, (i) => plain.updateOne({ _id: plainDocs[i]!._id }, { $set: { progress: 100 } }));
  const updateStaged = await timed(WRITES, (i) =>
    staged.updateOne({ _id: stagedDocs[i]!._id }, outboxPush([progressEvent(stagedDocs[i]!)], { $set: { progress: 100 } })),
  );
  rows.push(['updateOne', updatePlain, updateStaged]);
  for (const [operation, without, withEvents] of rows) {
    console.log(
      `  ${label.padEnd(15)} ${operation.padEnd(10)} without: mean ${micros(without.meanUs)} p50 ${micros(without.p50Us)} p99 ${micros(without.p99Us)}` +
        ` | with event: mean ${micros(withEvents.meanUs)} p50 ${micros(withEvents.p50Us)} p99 ${micros(withEvents.p99Us)}` +
        ` | ratio (mean) ${(withEvents.meanUs / without.meanUs).toFixed(2)}x`,
    );
  }
  await store.close();
}

const micros = (us: number): string => `${us.toFixed(0).padStart(5)} µs`;

async function relayThroughput(label: string, bus: EventBus): Promise<number> {
  const store = await openNedbStore();
  const enrollments = await store.collection<Enrollment>({ name: 'enrollments' });
  // 10 events per aggregate, staged in its own document as repositories do.
  const docs = Array.from({ length: EVENTS / 10 }, newEnrollment);
  for (const doc of docs) {
    await enrollments.insertOne(withOutbox(doc, Array.from({ length: 10 }, () => enrolledEvent(doc))));
  }
  const relay = createOutboxRelay({ bus, sources: [enrollments], batchSize: 1000 });
  const started = performance.now();
  const published = await relay.flush();
  const seconds = (performance.now() - started) / 1000;
  const backlog = await relay.backlog();
  if (published !== EVENTS || backlog.count !== 0) throw new Error(`${label}: published ${published}, backlog ${backlog.count}`);
  const rate = published / seconds;
  console.log(`  ${label.padEnd(34)} ${published} events in ${seconds.toFixed(2)} s → ${rate.toFixed(0)} events/s`);
  await store.close();
  return rate;
}

async function main(): Promise<void> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-bench-'));
  try {
    console.log(`events benchmark — node ${process.version}, ${os.cpus().length} cpu(s), ${WRITES} writes per case, ${EVENTS} events per relay run\n`);
    console.log('1. write latency of a state change, without vs with its event (createEvent: envelope + Ajv validation, staged in the same write)');
    await writeLatency('nedb in memory', () => openNedbStore());
    await writeLatency('nedb on files', () => openNedbStore({ directory: path.join(scratch, 'documents') }));

    console.log('\n2. relay throughput (staged → acknowledged by the bus → removed from the outbox)');
    const embedded = await openEmbeddedBus({ directory: path.join(scratch, 'events') });
    const embeddedRate = await relayThroughput('embedded bus (fdatasync per batch)', embedded);
    await embedded.close();
    if (kcatAvailable()) {
      const mock = await startKafkaMock();
      const kafka = await openKafkaBus({
        settings: { brokers: mock.brokers, clientId: 'bench', partitions: 3, replicationFactor: 3, sendRetries: 5, connectionTimeoutMs: 3000 },
        logger: pino({ level: 'warn' }),
      });
      const kafkaRate = await relayThroughput('kafka (kcat mock cluster)', kafka);
      await kafka.close();
      await mock.stop();
      console.log(`\n  embedded / kafka throughput ratio: ${(embeddedRate / kafkaRate).toFixed(2)}x`);
    } else {
      console.log('  kafka: skipped (kcat is not installed: apt-get install -y kcat)');
    }
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
