import type { CloudFrontSigner, UrlSigner } from '@skillgraph/platform/src/storage';
import { urlLifetime, type MediaSettings } from '../config';
import type { MediaAssetRecord } from '../data/records';

/** Where the media subgraph serves files in embedded mode (the gateway forwards this prefix). */
export const FILE_ROUTE = '/files';

export interface SignedUrlView {
  url: string;
  expiresAt: Date | null;
}

/** What of an asset a URL points at. */
export type FileVariant =
  | { kind: 'original'; disposition: 'inline' | 'attachment' }
  | { kind: 'derived'; key: string }
  /** An HLS folder: one authorisation for every playlist and segment under it. */
  | { kind: 'folder'; folder: string; entryKey: string };

export interface UrlServiceOptions {
  settings: MediaSettings;
  /** Embedded HMAC signing (files served by the media subgraph through the gateway). */
  signer: UrlSigner;
  /** When set, URLs point at CloudFront instead. */
  cloudfront: CloudFrontSigner | null;
  /** The origin clients reach, e.g. the gateway's `http://localhost:4000`. */
  publicBaseUrl: () => string;
  /** Cached signatures kept at most. Default 20000. */
  cacheSize?: number;
  now?: () => number;
}

export type UrlService = ReturnType<typeof createUrlService>;

/** Path of a derived key below the asset's prefix, as it appears after `/files/<id>/d/`. */
const relativeTo = (asset: MediaAssetRecord, key: string) =>
  asset.derivedPrefix && key.startsWith(asset.derivedPrefix) ? key.slice(asset.derivedPrefix.length) : key;
const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/**
 * Signs URLs for the viewer. Expiry comes from the asset's purpose (docs/media.md). Expiries are
 * rounded up to a window (a tenth of the lifetime, at least a minute), and a signature is reused
 * for every request in the same (asset, variant, window): a list of 100 assets costs 100 cache
 * look-ups, not 100 RSA signatures, and a URL lives between its lifetime and 1.1× that.
 */
export function createUrlService(options: UrlServiceOptions) {
  const cacheSize = options.cacheSize ?? 20_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, SignedUrlView>();

  function remember(key: string, make: () => SignedUrlView): SignedUrlView {
    const hit = cache.get(key);
    if (hit) return hit;
    const made = make();
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    cache.set(key, made);
    return made;
  }

  function filePath(asset: MediaAssetRecord, variant: FileVariant): string {
    if (variant.kind === 'original') return `${FILE_ROUTE}/${asset._id}/original`;
    if (variant.kind === 'derived') return `${FILE_ROUTE}/${asset._id}/d/${encodePath(relativeTo(asset, variant.key))}`;
    return `${FILE_ROUTE}/${asset._id}/d/${encodePath(relativeTo(asset, variant.entryKey))}`;
  }

  return {
    /** The URL of `variant` for an asset the viewer may see and that may be served. */
    urlFor(asset: MediaAssetRecord, variant: FileVariant): SignedUrlView {
      const ttl = urlLifetime(options.settings, asset.purpose ?? 'COURSE_MATERIAL', asset.kind);
      const base = options.publicBaseUrl();
      const cf = options.cloudfront;
      const storageKey = variant.kind === 'original' ? asset.blobKey! : variant.kind === 'derived' ? variant.key : variant.entryKey;
      const disposition = variant.kind === 'original' && variant.disposition === 'attachment' ? 'attachment' : undefined;
      if (ttl === 0) {
        // Unsigned public content: CloudFront serves it as is; embedded, the file route checks the asset is public.
        if (cf && !disposition) return { url: cf.publicUrl(storageKey), expiresAt: null };
        return { url: `${base}${filePath(asset, variant)}${disposition ? '?disposition=attachment' : ''}`, expiresAt: null };
      }
      const windowMs = Math.max(60_000, Math.floor((ttl * 1000) / 10));
      const windowStart = Math.floor(now() / windowMs) * windowMs;
      const expiresAt = new Date(windowStart + windowMs + ttl * 1000);
      const cacheKey = [asset._id, variant.kind, storageKey, disposition ?? '', windowStart, cf ? 'cf' : 'local'].join('|');
      return remember(cacheKey, () => {
        // HLS folders are not handed to CloudFront directly: a player drops a playlist's query string
        // on its relative URIs, and a signed cookie cannot be set for the CDN's domain from here. The
        // playlists are served by the file route (small, rewritten to carry the authorisation), and
        // point their segments at CloudFront under the folder's custom policy (docs/media.md).
        if (cf && !disposition && variant.kind !== 'folder') return cf.signObject(storageKey, expiresAt);
        const path = filePath(asset, variant);
        if (variant.kind === 'folder') {
          // The signature covers the folder; the route accepts any path below it with this query.
          const scope = `${FILE_ROUTE}/${asset._id}/d/${encodePath(relativeTo(asset, variant.folder.replace(/\/+$/, '')))}/`;
          return {
            url: `${base}${path}?${options.signer.sign('GET', scope, expiresAt, { scope })}`,
            expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000),
          };
        }
        const query = options.signer.sign('GET', path, expiresAt, disposition ? { disposition } : {});
        return { url: `${base}${path}?${query}`, expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000) };
      });
    },
    cacheSizeNow: () => cache.size,
  };
}
