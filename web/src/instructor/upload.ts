import type { TypedDocumentNode } from '@urql/core';
import type { Client } from 'urql';
import type { MediaKind, MediaPurpose } from '../gql/graphql';
import { OperationFailed } from '../errors';
import {
  CompleteMultipartUploadMutation,
  ConfirmUploadMutation,
  CreateMultipartUploadMutation,
  CreateUploadMutation,
  UploadPartUrlsMutation,
} from './operations';

/**
 * Direct uploads from the browser: the bytes go straight to the presigned URL (the gateway's
 * `/uploads` in embedded mode, the bucket in distributed mode), never through GraphQL. Small files
 * take one PUT; larger ones go in parts that can be retried one by one, so a dropped connection
 * costs one part, not the whole file (docs/media.md, "Resumable multipart").
 */

/** Above this size the resumable multipart path is used (the server decides the part size, ≥ 5 MiB). */
export const MULTIPART_THRESHOLD_BYTES = 32 * 1024 * 1024;
/** Tries per part before the upload pauses and waits for the person to resume it. */
const PART_ATTEMPTS = 3;
// Browsers refuse to let scripts set these (and log an error when asked to); they set them themselves.
const BROWSER_OWNED_HEADERS = new Set(['content-length', 'host', 'connection', 'expect']);

export type ProgressListener = (sentBytes: number, totalBytes: number) => void;

export function kindOf(file: File): MediaKind {
  if (file.type.startsWith('image/')) return 'IMAGE';
  if (file.type.startsWith('video/')) return 'VIDEO';
  if (file.type.startsWith('audio/')) return 'AUDIO';
  return 'DOCUMENT';
}

/** One PUT with upload progress (fetch cannot report it; XHR's `upload.onprogress` can). Resolves with the ETag. */
export function putWithProgress(
  url: string,
  body: Blob,
  headers: { name: string; value: string }[],
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const { name, value } of headers) if (!BROWSER_OWNED_HEADERS.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.getResponseHeader('etag'));
      else reject(new Error(`The storage refused the upload (HTTP ${xhr.status}${xhr.responseText ? `: ${xhr.responseText.slice(0, 200)}` : ''}).`));
    };
    xhr.onerror = () => reject(new Error('The connection dropped during the upload.'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

async function run<Data, Variables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const result = await client.mutation(document, variables).toPromise();
  if (result.error) throw new OperationFailed(result.error);
  return result.data as Data;
}

export interface UploadRequest {
  file: File;
  purpose: MediaPurpose;
  onProgress: ProgressListener;
}

const announce = (file: File, purpose: MediaPurpose) => ({
  filename: file.name,
  contentType: file.type || 'application/octet-stream',
  size: file.size,
  kind: kindOf(file),
  purpose,
});

/** Presigned PUT, then `confirmUpload`: the server checks the bytes and the asset becomes UPLOADED. */
export async function uploadInOnePut(client: Client, request: UploadRequest): Promise<string> {
  const { file, onProgress } = request;
  const { createUpload } = await run(client, CreateUploadMutation, { input: announce(file, request.purpose) });
  await putWithProgress(createUpload.uploadUrl, file, createUpload.headers, (sent) => onProgress(sent, file.size));
  onProgress(file.size, file.size);
  const { confirmUpload } = await run(client, ConfirmUploadMutation, { assetId: createUpload.asset.id });
  return confirmUpload.id;
}

/**
 * A multipart upload in progress: the parts already stored are remembered, so `resume()` after a
 * failure sends only the others, with fresh URLs (the old ones may have expired).
 */
export class MultipartTransfer {
  private readonly done = new Map<number, string>();
  private urls = new Map<number, string>();
  private assetId: string | null = null;
  private partSize = 0;
  private partCount = 0;

  constructor(
    private readonly client: Client,
    private readonly request: UploadRequest,
  ) {}

  /** Starts (or continues) the transfer; rejects when a part failed every try, after which `resume()` goes on. */
  async resume(): Promise<string> {
    const { file } = this.request;
    if (!this.assetId) {
      const { createMultipartUpload: created } = await run(this.client, CreateMultipartUploadMutation, { input: announce(file, this.request.purpose) });
      this.assetId = created.asset.id;
      this.partSize = created.partSize;
      this.partCount = created.partCount;
      this.urls = new Map(created.parts.map((part) => [part.partNumber, part.url]));
    } else {
      await this.refreshUrls(this.missingParts());
    }
    for (const partNumber of this.missingParts()) await this.sendPart(partNumber);
    const parts = [...this.done].sort(([a], [b]) => a - b).map(([partNumber, etag]) => ({ partNumber, etag }));
    const { completeMultipartUpload } = await run(this.client, CompleteMultipartUploadMutation, { assetId: this.assetId, parts });
    return completeMultipartUpload.id;
  }

  private missingParts(): number[] {
    return Array.from({ length: this.partCount }, (_, index) => index + 1).filter((partNumber) => !this.done.has(partNumber));
  }

  private async refreshUrls(partNumbers: number[]): Promise<void> {
    if (!this.assetId || partNumbers.length === 0) return;
    const { uploadPartUrls } = await run(this.client, UploadPartUrlsMutation, { assetId: this.assetId, partNumbers });
    for (const part of uploadPartUrls) this.urls.set(part.partNumber, part.url);
  }

  private async sendPart(partNumber: number): Promise<void> {
    const { file, onProgress } = this.request;
    const start = (partNumber - 1) * this.partSize;
    const body = file.slice(start, Math.min(start + this.partSize, file.size));
    const before = [...this.done.keys()].reduce((sum, n) => sum + Math.min(this.partSize, file.size - (n - 1) * this.partSize), 0);
    let lastError: unknown;
    for (let attempt = 1; attempt <= PART_ATTEMPTS; attempt += 1) {
      if (!this.urls.has(partNumber) || attempt > 1) await this.refreshUrls([partNumber]);
      try {
        const etag = await putWithProgress(this.urls.get(partNumber)!, body, [], (sent) => onProgress(before + sent, file.size));
        if (!etag) throw new Error('The storage did not return the part’s ETag (its CORS rules must expose ETag).');
        this.done.set(partNumber, etag);
        return;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }
}
