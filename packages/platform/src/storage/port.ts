import type { Readable } from 'node:stream';

/**
 * The object-storage port: blobs under server-generated keys. Two adapters implement it, the
 * embedded one (files under `DATA_DIR/media`) and S3 (any S3-compatible store); one contract suite
 * (packages/platform/test/storage) runs against both. Nothing above this port knows which one runs.
 */

/** An inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredObject {
  key: string;
  size: number;
  /** As recorded when the object was written, when the store keeps it. */
  contentType?: string;
  etag?: string;
}

export interface ObjectBody {
  object: StoredObject;
  /** The whole object, or exactly the bytes of the range asked for. */
  body: Readable;
}

/** A request the client sends itself (presigned): method, URL and the headers it must carry. */
export interface PresignedRequest {
  method: 'PUT';
  url: string;
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface UploadedPart {
  partNumber: number;
  etag: string;
  size?: number;
}

export interface IncompleteUpload {
  key: string;
  uploadId: string;
  initiatedAt: Date;
}

export interface ObjectStorage {
  readonly kind: 'embedded' | 's3';
  /** Streams `body` under `key`; a reader never sees a half-written object. */
  put(key: string, body: Readable, options?: { contentType?: string }): Promise<StoredObject>;
  /** The object (or `range` of it), or null when there is none. Ranges are already checked against the size. */
  get(key: string, range?: ByteRange): Promise<ObjectBody | null>;
  head(key: string): Promise<StoredObject | null>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Keys under `prefix` (renditions of one asset, for instance). */
  list(prefix: string): Promise<string[]>;
  /**
   * A URL the client PUTs the whole object to, valid until `expiresAt`. The request is bound to
   * exactly `contentLength` bytes (and, with `sha256`, to those bytes): the store refuses others.
   */
  presignPut(key: string, options: PresignPutOptions): Promise<PresignedRequest>;
  createMultipartUpload(key: string, options: { contentType: string }): Promise<string>;
  /** A URL for one part (1-based) of exactly `contentLength` bytes, valid until `expiresAt`; ask again for more parts later. */
  presignPart(key: string, uploadId: string, partNumber: number, options: { expiresAt: Date; contentLength: number }): Promise<PresignedRequest>;
  /** The parts received so far, in part order: where a resumed upload carries on. */
  listParts(key: string, uploadId: string): Promise<UploadedPart[]>;
  completeMultipartUpload(key: string, uploadId: string, parts: readonly UploadedPart[]): Promise<StoredObject>;
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
  /** Multipart uploads started and neither completed nor aborted, for the clean-up job. */
  listIncompleteUploads(): Promise<IncompleteUpload[]>;
  /**
   * Moves the object at `from` to `to` and removes `from`. An existing object at `to` is never
   * overwritten (content-addressed keys are immutable): then `from` is only removed and the answer
   * is `'exists'`. With `ifMatch`, the move happens only while `from` still has that ETag
   * (otherwise `ObjectChangedError`), so bytes checked earlier are the bytes moved.
   */
  promote(from: string, to: string, options?: { ifMatch?: string }): Promise<'moved' | 'exists'>;
}

export interface PresignPutOptions {
  expiresAt: Date;
  contentType: string;
  /** The announced size; the request must carry exactly these many bytes. */
  contentLength: number;
  /** Hex SHA-256 the client announced; S3 then refuses any other bytes (`x-amz-checksum-sha256`). */
  sha256?: string;
}

/** Raised by `promote` when the source object changed after it was checked. */
export class ObjectChangedError extends Error {
  override readonly name = 'ObjectChangedError';
}

/**
 * The store could not take a write (full or read-only disk, S3 unreachable or failing): nothing
 * was kept, and the same request can succeed later. Clients get the retryable `SERVICE_UNAVAILABLE`.
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  constructor(cause: unknown) {
    super(`object storage cannot write: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Raised when an upload carries more bytes than it announced; HTTP answers it with 413. */
export class TooLargeUploadError extends Error {
  override readonly name = 'TooLargeUploadError';
  constructor(readonly limit: number) {
    super(`the upload is larger than the ${limit} bytes announced`);
  }
}

/** Raised by `get` for a range that starts past the end; HTTP answers it with 416. */
export class RangeNotSatisfiableError extends Error {
  override readonly name = 'RangeNotSatisfiableError';
  constructor(readonly size: number) {
    super(`range not satisfiable for an object of ${size} bytes`);
  }
}

/** Raised when a multipart upload is unknown (completed, aborted, or never started). */
export class NoSuchUploadError extends Error {
  override readonly name = 'NoSuchUploadError';
}

/** Server-generated keys only: letters, digits, `-`, `_`, `.`, joined by `/`; no `..` or empty segment. */
export function checkObjectKey(key: string): string {
  const segments = key.split('/');
  if (key.length === 0 || key.length > 512 || segments.some((segment) => !/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(segment))) {
    throw new Error(`invalid object key: ${JSON.stringify(key)}`);
  }
  return key;
}
