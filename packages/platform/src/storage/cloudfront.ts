import { getSignedCookies, getSignedUrl } from '@aws-sdk/cloudfront-signer';
import { signedExpiry } from './url-signer';

export interface CloudFrontOptions {
  /** e.g. `d111111abcdef8.cloudfront.net`, or a full `https://` origin. */
  domain: string;
  keyPairId: string;
  /** PEM RSA private key of the trusted key group. */
  privateKey: string;
}

export interface SignedUrl {
  url: string;
  expiresAt: Date;
}

export interface CloudFrontSigner {
  /** The public URL of `key`, unsigned (free public content). */
  publicUrl(key: string): string;
  /** A canned-policy URL for one object. */
  signObject(key: string, expiresAt: Date): SignedUrl;
  /**
   * One authorisation for a whole folder (an HLS rendition tree): a custom policy whose resource
   * ends in `*`, so playlists and segments under `folder/` need no signature of their own. The URL
   * returned points at `entryKey` with the policy in its query; players pass the same query (or
   * the cookies) on every request under the folder.
   */
  signFolder(folder: string, entryKey: string, expiresAt: Date): SignedUrl & { query: string; cookies: Record<string, string> };
}

const encodeKey = (key: string) => key.split('/').map(encodeURIComponent).join('/');

export function createCloudFrontSigner(options: CloudFrontOptions): CloudFrontSigner {
  const origin = (options.domain.startsWith('http') ? options.domain : `https://${options.domain}`).replace(/\/+$/, '');
  const urlOf = (key: string) => `${origin}/${encodeKey(key)}`;
  return {
    publicUrl: urlOf,
    signObject(key, expiresAt) {
      const at = signedExpiry(expiresAt);
      const url = getSignedUrl({ url: urlOf(key), keyPairId: options.keyPairId, privateKey: options.privateKey, dateLessThan: at.toISOString() });
      return { url, expiresAt: at };
    },
    signFolder(folder, entryKey, expiresAt) {
      const at = signedExpiry(expiresAt);
      const resource = `${urlOf(folder.replace(/\/+$/, ''))}/*`;
      const policy = JSON.stringify({ Statement: [{ Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': Math.floor(at.getTime() / 1000) } } }] });
      const signed = getSignedUrl({ url: urlOf(entryKey), keyPairId: options.keyPairId, privateKey: options.privateKey, policy });
      const cookies = getSignedCookies({ url: resource, keyPairId: options.keyPairId, privateKey: options.privateKey, policy }) as unknown as Record<string, string>;
      return { url: signed, expiresAt: at, query: new URL(signed).search.slice(1), cookies };
    },
  };
}
