import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';

/** Buffer per stage: large enough to keep a multi-hop upload flowing, small enough to bound memory. */
const STREAM_BUFFER_BYTES = 1024 * 1024;

/** A file's first bytes, and a stream of the whole file (those bytes included), read once. */
export interface Peeked {
  head: Buffer;
  rest: Readable;
  /** Reads and discards whatever the source still holds (after a refusal, so the request completes). */
  drain(): Promise<void>;
}

/**
 * Reads at least `bytes` bytes (or the whole source, if shorter) so the type can be checked before
 * anything is stored; nothing beyond one chunk past `bytes` is held.
 */
export async function peek(source: Readable, bytes: number): Promise<Peeked> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const first = Buffer.concat(chunks);
  async function* whole(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return {
    head: first.subarray(0, bytes),
    rest: Readable.from(whole(), { objectMode: false, highWaterMark: STREAM_BUFFER_BYTES }),
    async drain() {
      if (ended) return;
      for (;;) {
        const next = await iterator.next().catch(() => ({ done: true as const, value: undefined }));
        if (next.done) return;
      }
    },
  };
}

/** Raised while streaming when more bytes arrive than allowed. */
export class TooManyBytesError extends Error {
  override readonly name = 'TooManyBytesError';
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
  }
}

export interface Measured {
  stream: Readable;
  /** Valid once the stream has ended. */
  result(): { size: number; sha256: string };
}

/** Passes bytes through while counting and hashing them; fails as soon as `limit` is crossed. */
export function measure(source: Readable, limit: number): Measured {
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    highWaterMark: STREAM_BUFFER_BYTES,
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) return done(new TooManyBytesError(limit));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // The source's own failure (a client gone mid-upload) fails the measured stream too.
  source.on('error', (error) => counter.destroy(error));
  let digest: string | undefined;
  return {
    stream: source.pipe(counter),
    result: () => ({ size, sha256: (digest ??= hash.digest('hex')) }),
  };
}

/** SHA-256 and size of a whole stream, reading it once. */
export async function hashStream(source: Readable): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of source) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { size, sha256: hash.digest('hex') };
}
