import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { RequestHandler } from 'express';
import { Upload, type FileUpload } from 'graphql-upload-minimal';
import { graphqlUploads } from '@skillgraph/platform/src/storage/graphql-uploads';
import type { GatewayContext } from './context';

/**
 * GraphQL multipart uploads through the gateway (design §9). The client's multipart request is
 * parsed as a stream (`graphqlUploadExpress`); a subgraph fetch whose variables hold files is sent
 * to the subgraph as a multipart request of its own, each file piped from the client's request
 * into the subgraph's as it arrives. No file is ever held whole in memory.
 */

export interface UploadOptions {
  /** Largest file accepted; the subgraph applies its own, tighter, limits per kind. Default 5 GiB. */
  maxFileBytes?: number;
  /** Files per request. Default 10. */
  maxFiles?: number;
}

/** Parses `multipart/form-data` GraphQL requests; any other request passes untouched. */
export function gatewayUploads(options: UploadOptions = {}): RequestHandler {
  return graphqlUploads({ maxFileSize: options.maxFileBytes ?? 5 * 1024 ** 3, maxFiles: options.maxFiles ?? 10 });
}

interface FoundUpload {
  path: string;
  upload: Upload;
}

/** Copies `value` with every Upload replaced by null (as the multipart spec wants), listing where they were. */
function extractUploads(value: unknown, path: string, found: FoundUpload[]): unknown {
  if (value instanceof Upload) {
    found.push({ path, upload: value });
    return null;
  }
  if (Array.isArray(value)) return value.map((item, index) => extractUploads(item, `${path}.${index}`, found));
  const prototype = value && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  // Variables may come as null-prototype records; anything else (Dates, buffers) is left as is.
  if (value && (prototype === Object.prototype || prototype === null)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, extractUploads(item, `${path}.${key}`, found)]));
  }
  return value;
}

/**
 * Whether any file is in `variables`, without copying them: this runs for every subgraph fetch,
 * whose variables may hold hundreds of entity representations.
 */
export function hasUploads(value: unknown): boolean {
  if (value instanceof Upload) return true;
  if (Array.isArray(value)) return value.some(hasUploads);
  if (!value || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) if (hasUploads((value as Record<string, unknown>)[key])) return true;
  return false;
}

const asciiParam = (text: string) => text.replace(/[^\x20-\x7e]|["\\]/g, '_');

/**
 * The file name exactly as the client sent it (the media subgraph cleans it for display, and must
 * see what it cleans): an ASCII fallback plus RFC 5987 `filename*`, so no byte of the name can
 * break the part's headers.
 */
const filenameParams = (name: string) => `filename="${asciiParam(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * The outgoing multipart body: `operations`, `map`, then the files. Files are taken in the order
 * the client's request delivers them (whichever arrives next), because a file's stream exists only
 * once the one before it was read to the end: awaiting them in any fixed order can deadlock.
 */
async function* multipartBody(boundary: string, operations: unknown, uploads: FoundUpload[]): AsyncGenerator<Buffer> {
  const field = (name: string, value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  yield field('operations', JSON.stringify(operations));
  yield field('map', JSON.stringify(Object.fromEntries(uploads.map((upload, index) => [String(index), [upload.path]]))));
  const pending = new Map(uploads.map((upload, index) => [index, upload.upload.promise.then((file) => ({ index, file }))]));
  while (pending.size > 0) {
    const { index, file } = await Promise.race(pending.values());
    pending.delete(index);
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${index}"; ${filenameParams(file.filename)}\r\nContent-Type: ${asciiParam(file.mimetype || 'application/octet-stream')}\r\n\r\n`,
    );
    for await (const chunk of (file as FileUpload).createReadStream()) yield chunk as Buffer;
    yield Buffer.from('\r\n');
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}

/** An upload streams for as long as the client sends; the ordinary subgraph timeout would cut it. */
export const UPLOAD_TIMEOUT_MS = 60 * 60 * 1000;

export interface UploadFetchOptions {
  url: string;
  /** Whole-request timeout for uploads (they stream for as long as the client sends). */
  timeoutMs: number;
  /** The data source's own header preparation (identity, preflight, trace). */
  willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void | Promise<void>;
}

/** Sends one subgraph fetch whose variables carry files, as a streamed multipart request. */
export async function processWithUploads(
  options: GraphQLDataSourceProcessOptions<GatewayContext>,
  fetchOptions: UploadFetchOptions,
): Promise<GatewayGraphQLResponse> {
  const { request } = options;
  const headers = new Headers();
  request.http = { method: 'POST', url: fetchOptions.url, headers: headers as never };
  await fetchOptions.willSendRequest(options);
  const uploads: FoundUpload[] = [];
  const variables = extractUploads(request.variables ?? {}, 'variables', uploads);
  const boundary = `----skillgraph-${randomBytes(12).toString('hex')}`;
  headers.set('content-type', `multipart/form-data; boundary=${boundary}`);
  const operations = { query: request.query, variables: (variables as Record<string, unknown>), ...(request.operationName ? { operationName: request.operationName } : {}) };
  // A larger buffer per hop keeps the chain of pipes busy instead of waiting on each other.
  const body = Readable.from(multipartBody(boundary, operations, uploads), { objectMode: false, highWaterMark: 1024 * 1024 });
  // A file the client's own request broke (malformed part, disconnect) is the client's error, not the subgraph's.
  let clientFault: unknown;
  for (const { upload } of uploads) upload.promise.catch((error: unknown) => (clientFault ??= error));
  const response = await sendStreamed(fetchOptions, headers, body).catch((error: unknown) => {
    if (clientFault) return null;
    throw error;
  });
  if (!response) {
    return { errors: [{ message: 'The uploaded file could not be read: the multipart request was malformed or cut short.', extensions: { code: 'BAD_USER_INPUT', field: uploads[0]?.path.replace(/^variables\./, '') } }] };
  }
  if (!(response.contentType ?? '').includes('json')) throw new Error(`subgraph answered ${response.status} to an upload`);
  return JSON.parse(response.text) as GatewayGraphQLResponse;
}

/**
 * Node's own HTTP client with stream pipelines: web-stream bodies (fetch with `duplex: 'half'`)
 * cost several times more CPU per byte, which a gigabyte upload feels.
 */
function sendStreamed(fetchOptions: UploadFetchOptions, headers: Headers, body: Readable): Promise<{ status: number; contentType?: string; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(fetchOptions.url, { method: 'POST', headers: Object.fromEntries(headers), timeout: fetchOptions.timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('timeout', () => request.destroy(new Error('upload to the subgraph timed out')));
    request.on('error', reject);
    pipeline(body, request).catch((error: unknown) => {
      request.destroy(error as Error);
      reject(error);
    });
  });
}
