import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  NoSuchUploadError,
  ObjectChangedError,
  RangeNotSatisfiableError,
  StorageUnavailableError,
  checkObjectKey,
  type IncompleteUpload,
  type ObjectStorage,
  type PresignedRequest,
  type StoredObject,
  type UploadedPart,
} from './port';
import { signedExpiry } from './url-signer';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** MinIO or another S3-compatible store; implies path-style addressing. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Explicit keys (tests); otherwise the SDK's default provider chain (env, profile, role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Part size used when `put` streams a large body. Default 8 MiB. */
  partSizeBytes?: number;
}

const isMissing = (error: unknown): boolean =>
  error instanceof S3ServiceException && (error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);

/** The store's own failure (5xx, throttling, unreachable), not a refusal of this request or its body's error. */
const storageFault = (error: unknown): boolean => {
  if (error instanceof S3ServiceException) return (error.$metadata.httpStatusCode ?? 500) >= 500 || error.name === 'SlowDown';
  // A request that got no HTTP answer after the SDK's retries (refused, unresolvable, timed out)
  // carries the SDK's `$metadata` but no status; a body's own error never went through the SDK.
  if (typeof error === 'object' && error !== null && '$metadata' in error) return true;
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || (error as Error).name === 'TimeoutError';
};
const unavailableOr = (error: unknown): never => {
  throw storageFault(error) ? new StorageUnavailableError(error) : error;
};

const secondsUntil = (expiresAt: Date): number => Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000));

export interface S3Storage extends ObjectStorage {
  readonly kind: 's3';
  readonly client: S3Client;
  readonly bucket: string;
}

export function openS3Storage(options: S3StorageOptions): S3Storage {
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // Streamed bodies would otherwise be sent with aws-chunked framing, which S3-compatible
    // stores (s3rver, older MinIO) store verbatim; checksums are asked for only where S3 needs them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = options.bucket;

  async function head(key: string): Promise<StoredObject | null> {
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket, Key: checkObjectKey(key) }));
      return { key, size: out.ContentLength ?? 0, ...(out.ContentType ? { contentType: out.ContentType } : {}), ...(out.ETag ? { etag: out.ETag } : {}) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async function presign(command: PutObjectCommand | UploadPartCommand, expiresAt: Date, headers: Record<string, string>): Promise<PresignedRequest> {
    // The presigner's overloads take one command type at a time.
    // Every header the client must send is signed, so S3 refuses a request with another length or
    // checksum. `x-amz-*` headers would otherwise be hoisted into the query string, where the
    // client could drop them; kept unhoisted, the signature requires them as headers.
    const url = await getSignedUrl(client, command as PutObjectCommand, {
      expiresIn: secondsUntil(expiresAt),
      signableHeaders: new Set(Object.keys(headers)),
      unhoistableHeaders: new Set(Object.keys(headers).filter((name) => name.startsWith('x-amz-'))),
    });
    return { method: 'PUT', url, headers, expiresAt: signedExpiry(expiresAt) };
  }

  const noSuchUpload = (error: unknown, uploadId: string): never => {
    if (error instanceof S3ServiceException && error.name === 'NoSuchUpload') throw new NoSuchUploadError(`no multipart upload ${uploadId}`);
    throw error;
  };

  return {
    kind: 's3',
    client,
    bucket: Bucket,
    async put(key, body: Readable, putOptions = {}) {
      // lib-storage streams in parts, holding at most `queueSize` parts in memory.
      const upload = new Upload({
        client,
        params: { Bucket, Key: checkObjectKey(key), Body: body, ...(putOptions.contentType ? { ContentType: putOptions.contentType } : {}) },
        partSize: options.partSizeBytes ?? 8 * 1024 * 1024,
        queueSize: 2,
        leavePartsOnError: false,
      });
      await upload.done().catch(unavailableOr);
      const stored = await head(key);
      if (!stored) throw new Error(`object ${key} missing right after it was written`);
      return stored;
    },
    async get(key, range) {
      const object = await head(key);
      if (!object) return null;
      if (range && (range.start >= object.size || range.start > range.end)) throw new RangeNotSatisfiableError(object.size);
      try {
        const out = await client.send(
          new GetObjectCommand({ Bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${Math.min(range.end, object.size - 1)}` } : {}) }),
        );
        return { object, body: out.Body as Readable };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    head,
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkObjectKey(key) }));
    },
    async list(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const out = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken: token }));
        for (const item of out.Contents ?? []) if (item.Key) keys.push(item.Key);
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    presignPut(key, { expiresAt, contentType, contentLength, sha256 }) {
      const checksum = sha256 ? Buffer.from(sha256, 'hex').toString('base64') : undefined;
      const headers: Record<string, string> = { 'content-type': contentType, 'content-length': String(contentLength) };
      if (checksum) headers['x-amz-checksum-sha256'] = checksum;
      return presign(
        new PutObjectCommand({
          Bucket,
          Key: checkObjectKey(key),
          ContentType: contentType,
          ContentLength: contentLength,
          ...(checksum ? { ChecksumSHA256: checksum } : {}),
        }),
        expiresAt,
        headers,
      );
    },
    async createMultipartUpload(key, { contentType }) {
      const out = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: checkObjectKey(key), ContentType: contentType }));
      if (!out.UploadId) throw new Error('the store returned no upload id');
      return out.UploadId;
    },
    presignPart(key, uploadId, partNumber, { expiresAt, contentLength }) {
      return presign(
        new UploadPartCommand({ Bucket, Key: checkObjectKey(key), UploadId: uploadId, PartNumber: partNumber, ContentLength: contentLength }),
        expiresAt,
        { 'content-length': String(contentLength) },
      );
    },
    async listParts(key, uploadId) {
      const parts: UploadedPart[] = [];
      let marker: string | undefined;
      try {
        do {
          const out = await client.send(new ListPartsCommand({ Bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }));
          for (const part of out.Parts ?? []) {
            if (part.PartNumber !== undefined && part.ETag)
              parts.push({ partNumber: part.PartNumber, etag: part.ETag, ...(part.Size !== undefined ? { size: part.Size } : {}) });
          }
          marker = out.IsTruncated ? out.NextPartNumberMarker : undefined;
        } while (marker);
      } catch (error) {
        noSuchUpload(error, uploadId);
      }
      return parts.sort((a, b) => a.partNumber - b.partNumber);
    },
    async completeMultipartUpload(key, uploadId, parts) {
      const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
      try {
        await client.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: ordered.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
          }),
        );
      } catch (error) {
        noSuchUpload(error, uploadId);
      }
      const stored = await head(key);
      if (!stored) throw new Error(`object ${key} missing right after its upload completed`);
      return stored;
    },
    async abortMultipartUpload(key, uploadId) {
      try {
        await client.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: uploadId }));
      } catch (error) {
        if (error instanceof S3ServiceException && error.name === 'NoSuchUpload') return;
        throw error;
      }
    },
    async listIncompleteUploads(): Promise<IncompleteUpload[]> {
      const uploads: IncompleteUpload[] = [];
      let keyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      do {
        const out = await client.send(new ListMultipartUploadsCommand({ Bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }));
        for (const upload of out.Uploads ?? []) {
          if (upload.Key && upload.UploadId) uploads.push({ key: upload.Key, uploadId: upload.UploadId, initiatedAt: upload.Initiated ?? new Date(0) });
        }
        keyMarker = out.IsTruncated ? out.NextKeyMarker : undefined;
        uploadIdMarker = out.IsTruncated ? out.NextUploadIdMarker : undefined;
      } while (keyMarker);
      return uploads;
    },
    async promote(from, to, { ifMatch } = {}) {
      // Content-addressed keys are never overwritten: the bytes there are these bytes already.
      if (await head(to).catch(unavailableOr)) {
        await client.send(new DeleteObjectCommand({ Bucket, Key: checkObjectKey(from) })).catch(unavailableOr);
        return 'exists';
      }
      try {
        // A server-side copy (up to 5 GiB, the largest kind limit) of exactly the version checked.
        await client.send(
          new CopyObjectCommand({
            Bucket,
            Key: checkObjectKey(to),
            CopySource: `${Bucket}/${checkObjectKey(from)}`,
            ...(ifMatch !== undefined ? { CopySourceIfMatch: ifMatch } : {}),
          }),
        );
      } catch (error) {
        if (error instanceof S3ServiceException && (error.name === 'PreconditionFailed' || error.$metadata.httpStatusCode === 412)) {
          throw new ObjectChangedError(`object ${from} changed`);
        }
        if (isMissing(error)) throw new ObjectChangedError(`no object ${from}`);
        unavailableOr(error);
      }
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkObjectKey(from) })).catch(unavailableOr);
      return 'moved';
    },
  };
}
