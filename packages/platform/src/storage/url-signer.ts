import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-signed URLs for the embedded mode, where the media subgraph serves files and receives
 * uploads itself. A signature covers the method, the path, every other query parameter and the
 * expiry, so changing any of them (or the signature) makes the URL worthless.
 */

export const SIGNATURE_PARAM = 'sig';
export const EXPIRES_PARAM = 'expires';

export type SignedUrlVerdict = 'valid' | 'expired' | 'invalid';

export interface UrlSigner {
  /** The query string (without `?`) that makes `method path` valid until `expiresAt`. */
  sign(method: string, path: string, expiresAt: Date, params?: Record<string, string>): string;
  /** Checks a request's path and query; `params` is every query parameter received. */
  verify(method: string, path: string, params: Record<string, unknown>, now?: Date): SignedUrlVerdict;
}

function canonical(method: string, path: string, expires: string, params: Record<string, string>): string {
  const rest = Object.keys(params)
    .filter((name) => name !== SIGNATURE_PARAM && name !== EXPIRES_PARAM)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(params[name]!)}`)
    .join('&');
  return [method.toUpperCase(), path, rest, expires].join('\n');
}

/** `secret` must hold at least 32 random bytes; every instance serving the same files shares it. */
export function createUrlSigner(secret: Buffer): UrlSigner {
  if (secret.length < 32) throw new Error('the URL signing secret must be at least 32 bytes');
  const mac = (text: string): Buffer => createHmac('sha256', secret).update(text).digest();
  return {
    sign(method, path, expiresAt, params = {}) {
      // Whole seconds, so the expiry is exact in the URL and in `expiresAt` alike.
      const expires = String(Math.floor(expiresAt.getTime() / 1000));
      const signature = mac(canonical(method, path, expires, params)).toString('base64url');
      const query = new URLSearchParams({ ...params, [EXPIRES_PARAM]: expires, [SIGNATURE_PARAM]: signature });
      return query.toString();
    },
    verify(method, path, params, now = new Date()) {
      const strings: Record<string, string> = {};
      for (const [name, value] of Object.entries(params)) {
        // A repeated parameter (an array) is never something we signed.
        if (typeof value !== 'string') return 'invalid';
        strings[name] = value;
      }
      const expires = strings[EXPIRES_PARAM];
      const signature = strings[SIGNATURE_PARAM];
      if (!expires || !signature || !/^\d{1,12}$/.test(expires)) return 'invalid';
      const expected = mac(canonical(method, path, expires, strings));
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      // Node's decoder skips characters outside the alphabet and the unused low bits of the last
      // character, so other strings decode to the same bytes: only the one encoding we issue counts.
      if (given.toString('base64url') !== signature) return 'invalid';
      // Checked after the signature, so a forged expiry is "invalid", never "expired".
      return Number(expires) * 1000 <= now.getTime() ? 'expired' : 'valid';
    },
  };
}

/** Whole seconds: signed expiries are rounded down, and callers show what was signed. */
export const signedExpiry = (expiresAt: Date): Date => new Date(Math.floor(expiresAt.getTime() / 1000) * 1000);
