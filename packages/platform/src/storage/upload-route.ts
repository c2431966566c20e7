import type { IncomingMessage, ServerResponse } from 'node:http';
import { NoSuchUploadError } from './port';
import { UPLOAD_ROUTE, type EmbeddedStorage } from './embedded-storage';
import type { UrlSigner } from './url-signer';

/**
 * The embedded stand-in for S3's presigned PUT: `PUT /uploads/<key>?expires&sig` stores a whole
 * object, `PUT /uploads/<key>?uploadId&partNumber&expires&sig` one part of a multipart upload
 * (answering with its `ETag`, as S3 does, so clients need one code path). Nothing is written
 * unless the signature and expiry hold.
 */
export function embeddedUploadHandler(storage: EmbeddedStorage, signer: UrlSigner) {
  return async (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse): Promise<void> => {
    const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://upload.invalid');
    const refuse = (status: number, message: string) => {
      res.statusCode = status;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(message);
      // Never read an unauthorised body; drop the connection after answering.
      req.resume();
    };
    if (req.method !== 'PUT') return refuse(405, 'method not allowed');
    if (!url.pathname.startsWith(`${UPLOAD_ROUTE}/`)) return refuse(404, 'not found');
    const params = Object.fromEntries(url.searchParams);
    if (url.searchParams.getAll('sig').length > 1) return refuse(403, 'invalid signature');
    const verdict = signer.verify('PUT', url.pathname, params);
    if (verdict !== 'valid') return refuse(403, verdict === 'expired' ? 'this upload URL has expired' : 'invalid signature');
    const key = decodeURIComponent(url.pathname.slice(UPLOAD_ROUTE.length + 1));
    try {
      if (params.uploadId !== undefined) {
        const part = await storage.receivePart(key, params.uploadId, Number(params.partNumber), req);
        res.setHeader('etag', part.etag);
      } else {
        const stored = await storage.receiveObject(key, req);
        if (stored.etag) res.setHeader('etag', stored.etag);
      }
      // S3 exposes ETag to browsers only with CORS' expose-headers; same here.
      res.setHeader('access-control-expose-headers', 'ETag');
      res.statusCode = 200;
      res.end();
    } catch (error) {
      if (error instanceof NoSuchUploadError) return refuse(404, 'no such upload');
      if (!res.headersSent) refuse(400, 'upload failed');
    }
  };
}
