import { createHash } from 'node:crypto';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response } from 'express';
import { isId, type Viewer } from '@skillgraph/platform';
import type { CloudFrontSigner, ObjectStorage, UrlSigner } from '@skillgraph/platform/src/storage';
import type { CourseDirectory } from '../data/course-directory';
import type { MediaAssetRepository } from '../data/media-asset-repository';
import type { MediaAssetRecord } from '../data/records';
import { canSee, courseIdOf, isServable } from '../services/media-access';
import { FILE_ROUTE } from '../services/url-service';
import { authorisePlaylist, type ElsewhereFor } from './playlist';
import { parseRange } from './range';

export interface FileRouteDeps {
  assets: MediaAssetRepository;
  courses: CourseDirectory;
  storage: ObjectStorage;
  signer: UrlSigner;
  /**
   * Set when CloudFront serves the bucket: playlists opened here point their segments at the CDN,
   * under the folder's custom policy (signed once per folder and expiry), and keep their nested
   * playlists here, where they are rewritten in turn.
   */
  cloudfront?: CloudFrontSigner | null;
  viewerFrom(req: Request): Promise<Viewer>;
}

/** Folder policies kept at most (one per HLS folder and expiry window in use). */
const CDN_POLICY_CACHE = 2000;

const DERIVED_TYPES: Record<string, string> = {
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.vtt': 'text/vtt',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

/** `attachment; filename="..."; filename*=UTF-8''...` with a plain-ASCII fallback name. */
function contentDisposition(type: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * `GET /files/<assetId>/original` and `GET /files/<assetId>/d/<derived path>`: the embedded CDN.
 * Allowed with a valid signature (HMAC over method, path, parameters and expiry, or over the HLS
 * folder the path lies in), or without one when the identity the gateway forwarded may see the
 * asset under the access rule. Either way the asset must be servable right now (scanned, not
 * INFECTED, not deleted): a URL signed before a deletion stops working with it.
 */
export function fileRoute(deps: FileRouteDeps): RequestHandler {
  const policies = new Map<string, string>();
  const cdnQuery = (cdn: CloudFrontSigner, folder: string, expiresEpoch: number): string => {
    const cacheKey = `${folder}|${expiresEpoch}`;
    let query = policies.get(cacheKey);
    if (query === undefined) {
      query = cdn.signFolder(folder, folder, new Date(expiresEpoch * 1000)).query;
      if (policies.size >= CDN_POLICY_CACHE) policies.delete(policies.keys().next().value!);
      policies.set(cacheKey, query);
    }
    return query;
  };
  /** Segments (anything but playlists) of the asset's HLS folder, at the CDN until the same moment as the playlist's authorisation. */
  const cdnFor = (asset: MediaAssetRecord, expiresEpoch: number): ElsewhereFor | undefined => {
    const cdn = deps.cloudfront;
    const hls = asset.renditions?.hls;
    if (!cdn || !hls || !asset.derivedPrefix) return undefined;
    const routePrefix = `${FILE_ROUTE}/${asset._id}/d/`;
    return (resolvedPath) => {
      if (resolvedPath.toLowerCase().endsWith('.m3u8') || !resolvedPath.startsWith(routePrefix)) return null;
      let key: string;
      try {
        key = `${asset.derivedPrefix}${decodeURIComponent(resolvedPath.slice(routePrefix.length))}`;
      } catch {
        return null;
      }
      return key.startsWith(hls.folder) ? `${cdn.publicUrl(key)}?${cdnQuery(cdn, hls.folder, expiresEpoch)}` : null;
    };
  };

  return async (req, res) => {
    const deny = (status: number, message: string) => {
      res.status(status).type('text/plain').set('cache-control', 'no-store').send(message);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return deny(405, 'method not allowed');
      const url = new URL(req.originalUrl, 'http://files.invalid');
      const match = new RegExp(`^${FILE_ROUTE}/([^/]+)/(original|d/(.+))$`).exec(url.pathname);
      if (!match || !isId(match[1]!)) return deny(404, 'not found');
      const [, assetId, , derivedPath] = match;
      const params = Object.fromEntries(url.searchParams);
      const signed = url.searchParams.has('sig');
      if (signed) {
        const scope = params.scope;
        if (scope !== undefined && !(url.pathname.startsWith(scope) && scope.startsWith(`${FILE_ROUTE}/${assetId}/d/`))) return deny(403, 'invalid signature');
        const verdict = deps.signer.verify('GET', scope ?? url.pathname, params);
        if (verdict !== 'valid') return deny(403, verdict === 'expired' ? 'this link has expired' : 'invalid signature');
      }
      const asset = await deps.assets.findById(assetId!);
      if (!asset || asset.deletedAt) return deny(404, 'not found');
      if (!signed) {
        const course = courseIdOf(asset) ? await deps.courses.get(courseIdOf(asset)!) : null;
        let viewer: Viewer;
        try {
          viewer = await deps.viewerFrom(req);
        } catch {
          return deny(401, 'your session is not valid; sign in again');
        }
        if (!canSee(viewer, asset, course)) return deny(403, 'you may not see this file');
      }
      if (!isServable(asset)) return deny(403, 'this file cannot be served yet');
      // A playlist opened by a folder authorisation hands the same authorisation to its relative URIs.
      const folder =
        signed && params.scope !== undefined
          ? { scope: params.scope, path: url.pathname, query: url.search.slice(1), elsewhere: cdnFor(asset, Number(params.expires)) }
          : null;
      await serve(
        req,
        res,
        deps.storage,
        asset,
        derivedPath ? decodeURIComponent(derivedPath) : null,
        params.disposition === 'attachment',
        signed ? Number(params.expires) : null,
        folder,
      );
    } catch (error) {
      if (!res.headersSent) deny(500, 'internal error');
      else res.destroy(error as Error);
    }
  };
}

/** The folder authorisation a request was allowed by: the signed scope, the request's path and its query. */
interface FolderAuthorisation {
  scope: string;
  path: string;
  query: string;
  /** Where segments point instead (CloudFront), when not back at this route. */
  elsewhere: ElsewhereFor | undefined;
}

async function serve(
  req: Request,
  res: Response,
  storage: ObjectStorage,
  asset: MediaAssetRecord,
  derivedPath: string | null,
  download: boolean,
  expiresEpoch: number | null,
  folder: FolderAuthorisation | null,
) {
  let key: string;
  let contentType: string;
  if (derivedPath === null) {
    key = asset.blobKey!;
    contentType = asset.contentType;
  } else {
    if (derivedPath.split('/').some((segment) => segment === '..' || segment === '')) return void res.status(404).end();
    key = `${asset.derivedPrefix}${derivedPath}`;
    contentType = DERIVED_TYPES[path.extname(derivedPath).toLowerCase()] ?? 'application/octet-stream';
  }
  const head = await storage.head(key);
  if (!head) return void res.status(404).type('text/plain').send('not found');
  if (folder && derivedPath !== null && path.extname(derivedPath).toLowerCase() === '.m3u8')
    return servePlaylist(req, res, storage, key, folder, expiresEpoch!);
  const etag = derivedPath === null && asset.sha256 ? `"${asset.sha256}"` : (head.etag ?? `"${head.size}"`);
  res.set('etag', etag);
  res.set('accept-ranges', 'bytes');
  res.set('x-content-type-options', 'nosniff');
  // Signed responses may be cached privately until the link expires; public ones by anyone for an hour.
  const maxAge = expiresEpoch === null ? 3600 : Math.max(0, expiresEpoch - Math.floor(Date.now() / 1000));
  res.set('cache-control', expiresEpoch === null ? `public, max-age=${maxAge}` : `private, max-age=${maxAge}`);
  res.set('content-type', contentType);
  if (derivedPath === null && (download || asset.kind === 'DOCUMENT'))
    res.set('content-disposition', contentDisposition(download ? 'attachment' : 'inline', asset.filename));
  const ifNoneMatch = req.get('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) return void res.status(304).end();

  // If-Range with a stale validator means "send it all" (RFC 9110 §13.1.5).
  const ifRange = req.get('if-range');
  const range = ifRange && ifRange !== etag ? 'ignore' : parseRange(req.get('range'), head.size);
  if (range === 'unsatisfiable') {
    res.status(416).set('content-range', `bytes */${head.size}`).end();
    return;
  }
  const partial = range !== 'ignore';
  const found = await storage.get(key, partial ? range : undefined);
  if (!found) return void res.status(404).end();
  if (partial) {
    res
      .status(206)
      .set('content-range', `bytes ${range.start}-${range.end}/${head.size}`)
      .set('content-length', String(range.end - range.start + 1));
  } else {
    res.status(200).set('content-length', String(head.size));
  }
  if (req.method === 'HEAD') {
    found.body.destroy();
    return void res.end();
  }
  await pipeline(found.body, res);
}

/**
 * A playlist rewritten for the authorisation it was opened with (see `authorisePlaylist`). Playlists
 * are small, so the rewritten text is sent whole: no ranges, and an ETag of its own (the bytes
 * differ from the stored ones by the query they carry).
 */
async function servePlaylist(req: Request, res: Response, storage: ObjectStorage, key: string, folder: FolderAuthorisation, expiresEpoch: number) {
  const found = await storage.get(key);
  if (!found) return void res.status(404).end();
  const chunks: Buffer[] = [];
  for await (const chunk of found.body) chunks.push(chunk as Buffer);
  const body = Buffer.from(authorisePlaylist(Buffer.concat(chunks).toString('utf8'), folder.path, folder.scope, folder.query, folder.elsewhere), 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  res.set('etag', etag);
  res.set('accept-ranges', 'none');
  res.set('x-content-type-options', 'nosniff');
  res.set('cache-control', `private, max-age=${Math.max(0, expiresEpoch - Math.floor(Date.now() / 1000))}`);
  res.set('content-type', DERIVED_TYPES['.m3u8']!);
  const ifNoneMatch = req.get('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) return void res.status(304).end();
  res.status(200).set('content-length', String(body.length));
  if (req.method === 'HEAD') return void res.end();
  res.end(body);
}
