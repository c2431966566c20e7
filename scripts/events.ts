/**
 * Event tooling for people debugging the system.
 *
 *   npm run events -- tail <topic> [--from-beginning | --since <time> | --offset <n>] [--max <n>] [--json]
 *   npm run events -- schemas [--check]
 *
 * `tail` prints events as they arrive, in the mode configuration selects: with KAFKA_BROKERS as a
 * consumer in a throwaway group; otherwise by following the embedded bus's log files under
 * `<DATA_DIR>/events` (the running system may be another process). Without a start option only
 * new events are shown. `--since` takes anything `Date` parses (e.g. 2025-01-31T12:00:00Z) or a
 * relative age such as 15m, 2h, 1d.
 *
 * `schemas` rewrites schema/events/*.schema.json and the catalogue table of docs/events.md from
 * the catalogue; `--check` only reports stale files (exit code 1).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type DeliveredMessage,
  type EventBus,
  type ReplayPosition,
  TopicLog,
  loadEventsConfig,
  openKafkaBus,
  processEnv,
  staleGeneratedFiles,
  topicLogFile,
  writeGeneratedFiles,
} from '@skillgraph/platform';

const USAGE = `usage:
  npm run events -- tail <topic> [--from-beginning | --since <time> | --offset <n>] [--max <n>] [--json]
  npm run events -- schemas [--check]`;

interface TailOptions {
  topic: string;
  start: 'latest' | 'earliest' | ReplayPosition;
  max: number;
  json: boolean;
}

class UsageError extends Error {}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'tail') return tail(parseTail(rest));
  if (command === 'schemas') return schemas(rest.includes('--check'));
  throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
}

function parseTail(args: string[]): TailOptions {
  const options: TailOptions = { topic: '', start: 'latest', max: Infinity, json: false };
  const value = (flag: string, index: number): string => {
    const next = args[index + 1];
    if (next === undefined) throw new UsageError(`${flag} needs a value`);
    return next;
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--from-beginning') options.start = 'earliest';
    else if (arg === '--since') options.start = { time: parseTime(value(arg, i++)) };
    else if (arg === '--offset') options.start = { offset: parseCount(arg, value(arg, i++)) };
    else if (arg === '--max') options.max = parseCount(arg, value(arg, i++));
    else if (arg === '--json') options.json = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (!options.topic) options.topic = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (!options.topic) throw new UsageError('tail needs a topic, e.g. course.events');
  return options;
}

function parseTime(text: string): Date {
  const relative = /^(\d+)(s|m|h|d)$/.exec(text);
  if (relative) {
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(Date.now() - Number(relative[1]) * unit);
  }
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw new UsageError(`--since: cannot read "${text}" as a time (try 2025-01-31T12:00:00Z or 15m)`);
  return time;
}

function parseCount(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag}: "${text}" is not a whole number`);
  return Number(text);
}

function format(message: Omit<DeliveredMessage, 'attempt'>, json: boolean): string {
  if (json) return JSON.stringify({ ...message, timestamp: message.timestamp.toISOString() });
  const headers = Object.keys(message.headers).length > 0 ? ` headers=${JSON.stringify(message.headers)}` : '';
  return `${message.timestamp.toISOString()} ${message.topic}[${message.partition}]@${message.offset} key=${message.key ?? '-'}${headers} ${JSON.stringify(message.value)}`;
}

async function tail(options: TailOptions): Promise<number> {
  const config = loadEventsConfig(processEnv());
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  let printed = 0;
  let reachedMax: () => void = () => undefined;
  const enough = new Promise<void>((resolve) => (reachedMax = resolve));
  const print = (message: Omit<DeliveredMessage, 'attempt'>): void => {
    if (printed >= options.max) return;
    process.stdout.write(`${format(message, options.json)}\n`);
    printed += 1;
    if (printed >= options.max) reachedMax();
  };
  const done = Promise.race([stopped, enough]);
  if (config.mode === 'kafka') {
    const bus: EventBus = await openKafkaBus({ settings: config.kafka, provisionTopics: [] });
    const subscription = await bus.subscribe({
      groupId: `events-tail-${randomUUID()}`,
      topics: [options.topic],
      fromBeginning: options.start !== 'latest',
      replayFrom: typeof options.start === 'object' ? options.start : undefined,
      handler: async (message) => print(message),
    });
    process.stderr.write(`tailing ${options.topic} on Kafka (${config.kafka.brokers.join(',')})\n`);
    await done;
    await subscription.stop();
    await bus.close();
  } else {
    await followLogFile(topicLogFile(config.directory, options.topic), options, print, done);
  }
  return 0;
}

/** Follows a topic's log file written by another process, polling for appended lines. */
async function followLogFile(
  file: string,
  options: TailOptions,
  print: (message: Omit<DeliveredMessage, 'attempt'>) => void,
  done: Promise<void>,
): Promise<void> {
  let finished = false;
  void done.then(() => (finished = true));
  let log: TopicLog | undefined;
  process.stderr.write(`tailing ${options.topic} from ${path.relative(process.cwd(), file) || file}\n`);
  while (!finished && !log) {
    log = await TopicLog.openForReading(file).catch(() => undefined);
    if (!log) await Promise.race([sleep(200), done]);
  }
  if (!log) return;
  const start = options.start;
  let position =
    start === 'earliest' ? 0 : start === 'latest' ? log.endOffset : 'time' in start ? await log.offsetForTime(start.time) : Math.min(start.offset, log.endOffset);
  while (!finished) {
    const records = await log.read(position, 500);
    for (const record of records) {
      print({ topic: options.topic, partition: 0, offset: String(record.offset), key: record.key, value: record.value, headers: record.headers, timestamp: new Date(record.timestamp) });
    }
    position += records.length;
    if (records.length === 0) {
      await Promise.race([sleep(200), done]);
      await log.refresh();
    }
  }
  await log.close();
}

async function schemas(check: boolean): Promise<number> {
  const root = path.resolve(__dirname, '..');
  if (check) {
    const stale = await staleGeneratedFiles(root);
    if (stale.length === 0) return 0;
    process.stderr.write(`stale, run \`npm run events -- schemas\`:\n${stale.map((file) => `  ${file}`).join('\n')}\n`);
    return 1;
  }
  const changed = await writeGeneratedFiles(root);
  process.stdout.write(changed.length === 0 ? 'event schemas are up to date\n' : `updated:\n${changed.map((file) => `  ${file}`).join('\n')}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof UsageError ? `${error.message}\n${USAGE}` : error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
