import fs from 'node:fs/promises';
import path from 'node:path';
import { EventBusError } from './bus';

/**
 * The embedded bus's durable log: one append-only JSON-lines file per topic,
 * `<DATA_DIR>/events/<topic>.log`; a record's offset is its line number (from 0).
 *
 * Durability: an append resolves only after its lines were written AND fdatasync'd (one sync per
 * batch, so the relay's batches amortise it). Readers in this process see a record only after
 * that. A crash mid-write leaves at most one torn last line, which the next writer truncates and
 * followers never read (they only consume complete lines). One process writes a topic at a time.
 *
 * Another process (the `events tail` CLI) opens the same file read-only and calls `refresh()` to
 * pick up lines appended since.
 */

export interface LogRecord {
  offset: number;
  /** Milliseconds since the epoch; never decreases along the log. */
  timestamp: number;
  key: string | null;
  headers: Record<string, string>;
  value: unknown;
}

export interface AppendEntry {
  key: string | null;
  headers?: Record<string, string>;
  value: unknown;
}

/** Every BLOCK-th line's byte position and timestamp are kept, to seek without rescanning. */
const BLOCK = 256;
const RECENT_RECORDS = 4096;
const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

export function topicLogFile(directory: string, topic: string): string {
  if (!TOPIC_NAME.test(topic) || topic === '.' || topic === '..') {
    throw new EventBusError(`"${topic}" is not a valid topic name (letters, digits, ".", "_", "-")`);
  }
  return path.join(directory, `${topic}.log`);
}

export class TopicLog {
  private end = 0;
  private endByte = 0;
  private readonly blockStarts: number[] = [];
  private readonly blockTimes: number[] = [];
  private lastTimestamp = 0;
  /** The newest records, so subscribers that keep up never touch the disk. */
  private recent: LogRecord[] = [];
  private appending: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly handle: fs.FileHandle,
    private readonly fsync: boolean,
  ) {}

  /** Opens (creating) the log for appending; repairs a torn last line left by a crash. */
  static async openForAppend(file: string, options: { fsync?: boolean } = {}): Promise<TopicLog> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const existed = await fs.stat(file).then(
      () => true,
      () => false,
    );
    const log = new TopicLog(file, await fs.open(file, 'a+'), options.fsync ?? true);
    if (!existed && log.fsync) {
      // A new file's name must be durable too, or a crash could lose the whole log.
      const folder = await fs.open(path.dirname(file), 'r');
      await folder.sync().finally(() => folder.close());
    }
    await log.refresh();
    const { size } = await log.handle.stat();
    if (size > log.endByte) await log.handle.truncate(log.endByte);
    return log;
  }

  /** Opens an existing log read-only, e.g. from another process; fails with ENOENT if absent. */
  static async openForReading(file: string): Promise<TopicLog> {
    const log = new TopicLog(file, await fs.open(file, 'r'), false);
    await log.refresh();
    return log;
  }

  /** Offset the next record will get. */
  get endOffset(): number {
    return this.end;
  }

  /** Indexes complete lines written since the last look (by this or another process). */
  async refresh(): Promise<number> {
    const { size } = await this.handle.stat();
    let position = this.endByte;
    let carry: Buffer = Buffer.alloc(0);
    let lastLine: Buffer | undefined;
    while (position < size) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, size - position));
      const { bytesRead } = await this.handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let lineStart = 0;
      for (let i = data.indexOf(NEWLINE); i !== -1; i = data.indexOf(NEWLINE, lineStart)) {
        const line = data.subarray(lineStart, i);
        this.indexLine(this.endByte, i - lineStart + 1, () => parseLine(line, this.end, this.file).timestamp);
        lastLine = line;
        lineStart = i + 1;
      }
      if (lastLine) lastLine = Buffer.from(lastLine);
      carry = Buffer.from(data.subarray(lineStart));
    }
    if (lastLine) {
      // Lines appended by someone else: the cache of our own appends no longer ends at `end`.
      this.recent = [];
      this.lastTimestamp = Math.max(this.lastTimestamp, parseLine(lastLine, this.end - 1, this.file).timestamp);
    }
    return this.end;
  }

  async append(entries: AppendEntry[]): Promise<{ firstOffset: number }> {
    const run = this.appending.then(() => this.write(entries));
    this.appending = run.catch(() => undefined);
    return run;
  }

  /** Up to `max` records from `from` on. */
  async read(from: number, max: number): Promise<LogRecord[]> {
    if (from >= this.end || max <= 0) return [];
    const recentStart = this.end - this.recent.length;
    if (from >= recentStart) return this.recent.slice(from - recentStart, from - recentStart + max);
    const block = Math.floor(from / BLOCK);
    let skip = from - block * BLOCK;
    const wanted = Math.min(max, this.end - from);
    const records: LogRecord[] = [];
    let position = this.blockStarts[block] ?? 0;
    let offset = block * BLOCK;
    let carry: Buffer = Buffer.alloc(0);
    while (records.length < wanted && position < this.endByte) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, this.endByte - position));
      const { bytesRead } = await this.handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let lineStart = 0;
      for (let i = data.indexOf(NEWLINE); i !== -1 && records.length < wanted; i = data.indexOf(NEWLINE, lineStart)) {
        if (skip > 0) skip -= 1;
        else records.push(parseLine(data.subarray(lineStart, i), offset, this.file));
        offset += 1;
        lineStart = i + 1;
      }
      carry = Buffer.from(data.subarray(lineStart));
    }
    return records;
  }

  /** The first offset whose timestamp is at or after `time` (the end offset if none). */
  async offsetForTime(time: Date): Promise<number> {
    const target = time.getTime();
    let firstLater = this.blockTimes.findIndex((blockTime) => blockTime >= target);
    if (firstLater === -1) firstLater = this.blockTimes.length;
    if (firstLater === 0) return 0;
    const candidates = await this.read((firstLater - 1) * BLOCK, BLOCK);
    return candidates.find((record) => record.timestamp >= target)?.offset ?? Math.min(firstLater * BLOCK, this.end);
  }

  async close(): Promise<void> {
    await this.appending;
    await this.handle.close();
  }

  private async write(entries: AppendEntry[]): Promise<{ firstOffset: number }> {
    const firstOffset = this.end;
    if (entries.length === 0) return { firstOffset };
    const records = entries.map((entry, index): LogRecord => {
      this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp);
      return { offset: firstOffset + index, timestamp: this.lastTimestamp, key: entry.key, headers: entry.headers ?? {}, value: entry.value };
    });
    const lines = records.map((record) => Buffer.from(`${JSON.stringify(record)}\n`));
    const bytes = Buffer.concat(lines);
    try {
      for (let written = 0; written < bytes.length; ) {
        written += (await this.handle.write(bytes, written, bytes.length - written)).bytesWritten;
      }
      if (this.fsync) await this.handle.datasync();
    } catch (error) {
      // Never leave half a batch behind: later appends would follow a torn line.
      await this.handle.truncate(this.endByte).catch(() => undefined);
      throw error;
    }
    records.forEach((record, index) => {
      const line = lines[index]!;
      this.indexLine(this.endByte, line.length, () => record.timestamp);
      this.recent.push(record);
    });
    if (this.recent.length > RECENT_RECORDS * 2) this.recent = this.recent.slice(-RECENT_RECORDS);
    return { firstOffset };
  }

  /** Records one complete line of `length` bytes (newline included) starting at byte `start`. */
  private indexLine(start: number, length: number, timestampOf: () => number): void {
    if (this.end % BLOCK === 0) {
      this.blockStarts.push(start);
      this.blockTimes.push(timestampOf());
    }
    this.end += 1;
    this.endByte = start + length;
  }
}

function parseLine(line: Buffer, offset: number, file: string): LogRecord {
  try {
    const record = JSON.parse(line.toString('utf8')) as Omit<LogRecord, 'offset'>;
    return { offset, timestamp: record.timestamp, key: record.key ?? null, headers: record.headers ?? {}, value: record.value };
  } catch {
    throw new EventBusError(`${file}: line ${offset} is not valid JSON`);
  }
}
