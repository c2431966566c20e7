import { Redis } from 'ioredis';
import {
  createAccessTokenIssuer,
  LoginThrottle,
  RedisAttemptStore,
  type AccessTokenIssuer,
  type AttemptPolicy,
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
   * Failed-login limits. Default: a fresh in-memory `LoginThrottle`, i.e. counted per process;
   * `sharedThrottles` counts in Redis so replicas count together (docs/edge.md).
   */
  throttle?: LoginThrottle;
  /**
   * Password-reset and verification requests per account and per client. Default: a fresh
   * in-memory throttle with `RECOVERY_ACCOUNT_POLICY` / `RECOVERY_ADDRESS_POLICY`.
   */
  recoveryThrottle?: LoginThrottle;
  /**
   * Seals emailed tokens inside events (MAIL_TOKEN_KEY, shared with the notifications service).
   * Default: a random key, which only suits tests of this subgraph alone: nobody else can open it.
   */
  mailTokenKey?: Buffer;
  /** Default: the system clock. */
  clock?: () => Date;
}

/** Three reset (or verification) emails per account in 15 minutes, then a 15-minute pause, doubling. */
export const RECOVERY_ACCOUNT_POLICY: AttemptPolicy = {
  maxFailures: 3,
  windowMs: 15 * 60_000,
  baseLockoutMs: 15 * 60_000,
  maxLockoutMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** Per client address: looser, many people share one address. */
export const RECOVERY_ADDRESS_POLICY: AttemptPolicy = {
  maxFailures: 20,
  windowMs: 15 * 60_000,
  baseLockoutMs: 15 * 60_000,
  maxLockoutMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export const createRecoveryThrottle = (options: { store?: RedisAttemptStore } = {}): LoginThrottle =>
  new LoginThrottle({ ...options, account: RECOVERY_ACCOUNT_POLICY, address: RECOVERY_ADDRESS_POLICY });

/**
 * Both throttles over one Redis (REDIS_URL), under separate prefixes so a reset request never
 * counts as a failed sign-in.
 */
export const sharedThrottles = (redis: Redis): Pick<UsersIdentity, 'throttle' | 'recoveryThrottle'> => ({
  throttle: new LoginThrottle({ store: new RedisAttemptStore(redis, 'login-throttle:') }),
  recoveryThrottle: createRecoveryThrottle({ store: new RedisAttemptStore(redis, 'recovery-throttle:') }),
});

export interface SharedThrottles {
  throttles: Pick<UsersIdentity, 'throttle' | 'recoveryThrottle'>;
  close(): void;
}

/** `sharedThrottles` over a connection of its own to REDIS_URL; `close()` ends it. */
export function openSharedThrottles(redisUrl: string): SharedThrottles {
  // A command waits for at most one reconnection: sign-ins fail (masked) while Redis is away rather than hang.
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  return { throttles: sharedThrottles(redis), close: () => redis.disconnect() };
}

/** The identity a users process signs with, from the settings `loadAuthConfig` read. */
export function usersIdentity(auth: AuthConfig, keyRing: KeyRing | null, mailTokenKey?: Buffer): UsersIdentity {
  if (!keyRing) throw new Error('the users subgraph signs tokens: run it with { issuer: true } so it gets the key ring');
  return {
    keyRing,
    issuer: createAccessTokenIssuer({ keyRing, issuer: auth.issuer, audience: auth.audience, ttlSeconds: auth.accessTokenTtlSeconds }),
    refreshTokenTtlSeconds: auth.refreshTokenTtlSeconds,
    ...(mailTokenKey ? { mailTokenKey } : {}),
  };
}
