import {
  createAccessTokenIssuer,
  LoginThrottle,
  type AccessTokenIssuer,
  type AuthConfig,
  type KeyRing,
} from '@skillgraph/platform';

/**
 * What the users subgraph needs beyond the common runtime to sign people in. Kept out of
 * `SubgraphRuntime` on purpose: no other subgraph may mint tokens.
 */
export interface UsersIdentity {
  /** The signing keys; also served as the JWKS at `/.well-known/jwks.json`. */
  keyRing: KeyRing;
  issuer: AccessTokenIssuer;
  refreshTokenTtlSeconds: number;
  /**
   * Failed-login limits. Default: a fresh in-memory `LoginThrottle`, i.e. counted per process
   * (replicas each count on their own; see docs/identity.md).
   */
  throttle?: LoginThrottle;
  /** Default: the system clock. */
  clock?: () => Date;
}

/** The identity a users process signs with, from the settings `loadAuthConfig` read. */
export function usersIdentity(auth: AuthConfig, keyRing: KeyRing | null): UsersIdentity {
  if (!keyRing) throw new Error('the users subgraph signs tokens: run it with { issuer: true } so it gets the key ring');
  return {
    keyRing,
    issuer: createAccessTokenIssuer({ keyRing, issuer: auth.issuer, audience: auth.audience, ttlSeconds: auth.accessTokenTtlSeconds }),
    refreshTokenTtlSeconds: auth.refreshTokenTtlSeconds,
  };
}
