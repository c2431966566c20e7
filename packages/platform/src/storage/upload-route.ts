import type { IncomingMessage, ServerResponse } from 'node:http';
import { NoSuchUploadError, TooLargeUploadError } from './port';
import { UPLOAD_ROUTE, type EmbeddedStorage } from './embedded-storage';
import type { UrlSigner } from './url-signer';

/**
 * Where a staged upload stands, as its owner (the media service) knows it: `'awaiting'` while its
 * bytes may still arrive, `'closed'` once confirmed or refused (409), `'gone'` once aborted,
 * expired or never known (410).
 */
export type StagedUploadState = 'awaiting' | 'closed' | 'gone';

export interface UploadRouteOptions {
  /**
   * Asked before a body is read and again after it is stored. A signature only proves the URL was
   * issued; whether the upload is still open is the uploader's state, which lives in the asset
   * record every instance shares. Asking it (rather than keeping a list of live keys here) keeps
   * one source of truth, so confirm, abort and the clean-up close a URL the moment they commit.
   */
  uploadState: (key: string) => Promise<StagedUploadState>;
}

/**
 * Never stored, only read and dropped: a proxy in front (the gateway) reports a broken connection
 * instead of our answer when the body is cut off mid-request, so the refusal must be readable.
 * Past this many bytes the client is sending for nothing but load, and the connection is closed.
 */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

function discardBody(req: IncomingMessage): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

/**
 * The embedded stand-in for S3's presigned PUT: `PUT /uploads/<key>?size&expires&sig` stores a
 * whole object, `PUT /uploads/<key>?uploadId&partNumber&size&expires&sig` one part of a multipart
 * upload (answering with its `ETag`, as S3 does, so clients need one code path). Nothing is
 * written unless the signature and expiry hold and the upload is still awaited; no more than the
 * signed `size` is ever stored (413 beyond it).
 */
export function embeddedUploadHandler(storage: EmbeddedStorage, signer: UrlSigner, options: UploadRouteOptions) {
  return async (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse): Promise<void> => {
    const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://upload.invalid');
    const refuse = (status: number, message: string) => {
      res.statusCode = status;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(message);
      discardBody(req);
    };
    if (req.method !== 'PUT') return refuse(405, 'method not allowed');
    if (!url.pathname.startsWith(`${UPLOAD_ROUTE}/`)) return refuse(404, 'not found');
    const params = Object.fromEntries(url.searchParams);
    if (url.searchParams.getAll('sig').length > 1) return refuse(403, 'invalid signature');
    const verdict = signer.verify('PUT', url.pathname, params);
    if (verdict !== 'valid') return refuse(403, verdict === 'expired' ? 'this upload URL has expired' : 'invalid signature');
    const maxBytes = Number(params.size);
    if (!/^\d{1,16}$/.test(params.size ?? '')) return refuse(400, 'this upload URL carries no size');
    const key = decodeURIComponent(url.pathname.slice(UPLOAD_ROUTE.length + 1));
    const closed = (state: StagedUploadState) =>
      refuse(state === 'gone' ? 410 : 409, state === 'gone' ? 'this upload was abandoned or has expired' : 'this upload is already complete');
    try {
      const before = await options.uploadState(key);
      if (before !== 'awaiting') return closed(before);
      const announced = Number(req.headers['content-length']);
      if (Number.isFinite(announced) && announced > maxBytes) return refuse(413, `at most ${maxBytes} bytes were announced`);
      let etag: string | undefined;
      if (params.uploadId !== undefined) {
        etag = (await storage.receivePart(key, params.uploadId, Number(params.partNumber), req, maxBytes)).etag;
      } else {
        etag = (await storage.receiveObject(key, req, maxBytes)).etag;
      }
      // Confirmed or aborted while the body was arriving: what just landed is nobody's bytes.
      const after = await options.uploadState(key);
      if (after !== 'awaiting') {
        if (params.uploadId === undefined) await storage.delete(key);
        return closed(after);
      }
      if (etag) res.setHeader('etag', etag);
      // S3 exposes ETag to browsers only with CORS' expose-headers; same here.
      res.setHeader('access-control-expose-headers', 'ETag');
      res.statusCode = 200;
      res.end();
    } catch (error) {
      if (res.headersSent) return;
      if (error instanceof TooLargeUploadError) return refuse(413, `at most ${maxBytes} bytes were announced`);
      if (error instanceof NoSuchUploadError) return refuse(404, 'no such upload');
      // A file-system failure (full or read-only disk) is ours and passes; anything else is the client's stream breaking.
      if ((error as NodeJS.ErrnoException).syscall !== undefined) return refuse(503, 'storage is unavailable, try again later');
      refuse(400, 'upload failed');
    }
  };
}
