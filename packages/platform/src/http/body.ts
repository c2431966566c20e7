import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * Reading a JSON request body without Express: the same contract as `express.json` (body-parser)
 * for what GraphQL clients send, at a fraction of the per-request cost. Only `application/json`
 * bodies are read; anything else is left unread (Apollo then refuses it, with CSRF prevention).
 */

/** A refusal while reading the body; `status` and `code` become the HTTP answer. */
export class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE',
    message: string,
  ) {
    super(message);
    this.name = 'BodyRefused';
  }
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `100kb`, `1mb` (the format of BODY_LIMIT, as body-parser reads it: powers of 1024), or a byte count. */
export function bodyLimitBytes(limit: string | number): number {
  if (typeof limit === 'number') return limit;
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(limit.trim());
  if (!match) throw new Error(`"${limit}" is not a size such as 100kb or 1mb`);
  return Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]!;
}

/** True for `application/json` with or without parameters (what body-parser's json() parses). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const semicolon = contentType.indexOf(';');
  const mime = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return mime === 'application/json';
}

function charsetOf(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase();
}

const hasBody = (req: IncomingMessage): boolean => req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';

function decodedStream(req: IncomingMessage): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  switch (encoding) {
    case 'identity':
      return req;
    case 'gzip':
      return req.pipe(zlib.createGunzip());
    case 'deflate':
      return req.pipe(zlib.createInflate());
    case 'br':
      return req.pipe(zlib.createBrotliDecompress());
    default:
      throw new BodyRefused(415, 'UNSUPPORTED_MEDIA_TYPE', `content encoding "${encoding}" is not supported`);
  }
}

/** Collects a stream up to `limit` bytes; stops reading and rejects with 413 beyond it. */
function collect(stream: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) {
        cleanup();
        stream.pause();
        reject(new BodyRefused(413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error instanceof BodyRefused ? error : new BodyRefused(400, 'BAD_REQUEST', 'the request body could not be read'));
    };
    const onAborted = (): void => onError(new Error('aborted'));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('aborted', onAborted);
  });
}

/**
 * The parsed JSON body, or undefined when the request has none or is not `application/json`
 * (left unread: Apollo decides). Strict like body-parser: only an object or array is accepted.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const contentType = req.headers['content-type'];
  if (!hasBody(req) || !isJsonContentType(contentType)) return undefined;
  const charset = charsetOf(contentType!);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new BodyRefused(415, 'UNSUPPORTED_MEDIA_TYPE', `unsupported charset "${charset.toUpperCase()}"`);
  }
  // A declared length over the limit is refused before a byte is read.
  const declared = Number(req.headers['content-length']);
  if (req.headers['content-encoding'] === undefined && Number.isFinite(declared) && declared > limit) {
    throw new BodyRefused(413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${limit} bytes`);
  }
  const raw = await collect(decodedStream(req), limit);
  if (raw.length === 0) return {};
  const text = raw.toString('utf8');
  const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw new BodyRefused(400, 'BAD_REQUEST', 'the request body must be a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyRefused(400, 'BAD_REQUEST', 'the request body is not valid JSON');
  }
}
