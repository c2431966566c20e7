import { Redis } from 'ioredis';
import {
  createAccessTokenIssuer,
  LoginThrottle,
  type AccessTokenIssuer,
  type AccountCeiling,
  type AttemptPolicy,
  type AuthConfig,
  type KeyRing,
  type KnownAddresses,
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
   * in-memory throttle with `RECOVERY_ACCOUNT_POLICY` / `RECOVERY_ADDRESS_POLICY`, knowing the
   * addresses the sign-in throttle saw succeed.
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

/**
 * Three reset (or verification) emails per account in 15 minutes; past that, an address that never
 * signed in to the account may ask once per `RECOVERY_UNKNOWN_ADDRESS_DELAY_MS`, one that did
 * asks freely (within its pair limit), so nobody can flood an inbox nor keep the owner from a reset.
 */
export const RECOVERY_ACCOUNT_POLICY: AccountCeiling = { maxFailures: 3, windowMs: 15 * 60_000 };
export const RECOVERY_UNKNOWN_ADDRESS_DELAY_MS = 15 * 60_000;

/** Per client address: looser, many people share one address. */
export const RECOVERY_ADDRESS_POLICY: AttemptPolicy = {
  maxFailures: 20,
  windowMs: 15 * 60_000,
  baseLockoutMs: 15 * 60_000,
  maxLockoutMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export const createRecoveryThrottle = (options: { redis?: Redis; knownAddresses?: KnownAddresses } = {}): LoginThrottle =>
  new LoginThrottle({
    ...options,
    prefix: 'recovery-throttle',
    account: RECOVERY_ACCOUNT_POLICY,
    address: RECOVERY_ADDRESS_POLICY,
    unknownAddressDelayMs: RECOVERY_UNKNOWN_ADDRESS_DELAY_MS,
  });

/**
 * Both throttles over one Redis (REDIS_URL), under separate prefixes so a reset request never
 * counts as a failed sign-in; an address known from a sign-in is known to both.
 */
export function sharedThrottles(redis: Redis): Required<Pick<UsersIdentity, 'throttle' | 'recoveryThrottle'>> {
  const throttle = new LoginThrottle({ redis, prefix: 'login-throttle' });
  return { throttle, recoveryThrottle: createRecoveryThrottle({ redis, knownAddresses: throttle.knownAddresses }) };
}

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
