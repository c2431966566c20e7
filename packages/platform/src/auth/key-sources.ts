import type { RequestHandler } from 'express';
import { createRemoteJWKSet, errors, type JWSHeaderParameters, type KeyLike } from 'jose';
import type { KeyRing } from './keys';

/** Finds the public key for a token's header; throws jose's JWKSNoMatchingKey when there is none. */
export type VerificationKeySource = (header: JWSHeaderParameters) => Promise<KeyLike>;

/** For the issuer itself (users subgraph, embedded mode): reads the live ring, so rotations apply at once. */
export function localKeySource(ring: KeyRing): VerificationKeySource {
  return async ({ kid }) => {
    const key = kid === undefined ? undefined : ring.verificationKey(kid);
    if (!key) throw new errors.JWKSNoMatchingKey();
    return key;
  };
}

export interface RemoteKeySourceOptions {
  /**
   * How long a fetched JWKS is trusted before it is fetched again. Default 10 minutes: long enough
   * that verification is local almost always, short enough that a retired key disappears soon.
   */
  cacheMaxAgeMs?: number;
  /**
   * Minimum time between two fetches triggered by an unknown `kid`. Default 30 s: a newly rotated
   * key is picked up on its first token, but a flood of forged kids cannot hammer the issuer.
   */
  cooldownMs?: number;
  /** Fetch timeout. Default 5 s. */
  timeoutMs?: number;
  /** Extra request headers, e.g. the gateway secret when the JWKS sits behind `requireGatewaySecret`. */
  headers?: Record<string, string>;
}

/** For the gateway and subgraphs other than the issuer: the issuer's JWKS over HTTP, cached. */
export function remoteKeySource(url: URL, options: RemoteKeySourceOptions = {}): VerificationKeySource {
  const jwks = createRemoteJWKSet(url, {
    cacheMaxAge: options.cacheMaxAgeMs ?? 10 * 60_000,
    cooldownDuration: options.cooldownMs ?? 30_000,
    timeoutDuration: options.timeoutMs ?? 5_000,
    ...(options.headers ? { headers: options.headers } : {}),
  });
  return (header) => jwks(header);
}

/**
 * Serves the ring's public keys (mount at `/.well-known/jwks.json` on the users subgraph). A short
 * public cache keeps verifiers from fetching on every cold start without delaying rotations much.
 */
export function jwksHandler(ring: KeyRing, maxAgeSeconds = 300): RequestHandler {
  return (_req, res) => {
    res.set('Cache-Control', `public, max-age=${maxAgeSeconds}`);
    res.type('application/jwk-set+json').send(JSON.stringify(ring.jwks()));
  };
}
