import type { GraphQLError } from 'graphql';
import { Redis as IORedis, type Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { codedError, ErrorCode } from '../errors';

/**
 * Failed-login limiting (rate-limiter-flexible counters, in memory or in Redis). The policy, after
 * OWASP's guidance on account lock-out (lock the attacker, never the owner):
 *
 * - (account, address) pair: 5 failures in 15 min lock that pair for 1 min, each next lock-out in
 *   the same episode twice as long (up to 1 h); a success from the pair clears it. An attacker
 *   locks an account only for their own addresses.
 * - address, across accounts (credential stuffing): 30 failures in 15 min lock the address for
 *   5 min, doubling up to 1 h. Looser, since many people share an office or carrier address.
 * - account, across addresses: past 50 failures in 1 h the account is "under attack", which is
 *   NOT a lock. Addresses that signed in to the account successfully before (remembered 3 weeks)
 *   pass at once; any other address gets one attempt per `unknownAddressDelayMs` (10 s): a short
 *   wait the owner on a new network can sit out, never a refusal for a long window.
 * - Password reset has its own counters and is never refused because of failed sign-ins.
 *
 * Keys are counted whether or not the account exists, so lock-outs reveal nothing about which
 * emails are registered.
 */

export interface AttemptPolicy {
  /** Failures inside `windowMs` (a fixed window from the first failure) that lock the key. */
  maxFailures: number;
  windowMs: number;
  /** First lock-out; each next one in the same episode doubles, up to `maxLockoutMs`. */
  baseLockoutMs: number;
  maxLockoutMs: number;
  /** This long after an episode's first lock-out, its growth is forgotten and the next lock-out is the base again. */
  forgetAfterMs: number;
}

/** Per (account, address) pair: 5 failures in 15 min lock for 1 min, then 2, 4 ... up to 1 h; forgotten after a quiet day. */
export const PAIR_POLICY: AttemptPolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  baseLockoutMs: 60_000,
  maxLockoutMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** An account's attack ceiling: failures (from any address) inside `windowMs` past which unknown addresses are slowed. It never locks. */
export type AccountCeiling = Pick<AttemptPolicy, 'maxFailures' | 'windowMs'>;

/** Per account, whichever addresses fail: past 50 failures in an hour, addresses the account never signed in from are slowed. */
export const ACCOUNT_POLICY: AccountCeiling = { maxFailures: 50, windowMs: 60 * 60_000 };

/** Per address across accounts (credential stuffing): looser, since offices and mobile carriers put many people behind one address. */
export const ADDRESS_POLICY: AttemptPolicy = {
  maxFailures: 30,
  windowMs: 15 * 60_000,
  baseLockoutMs: 5 * 60_000,
  maxLockoutMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** The wait an address new to an account under attack has between attempts: the most the owner ever waits. */
export const UNKNOWN_ADDRESS_DELAY_MS = 10_000;

/**
 * How long a successful sign-in makes its address known to the account: three weeks (the memory
 * store expires keys with a timer, and timers cannot reach past 24.8 days).
 */
export const KNOWN_ADDRESS_TTL_MS = 21 * 24 * 60 * 60_000;

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Where the counters live: this process's memory, or a Redis shared by replicas. */
export interface ThrottleStore {
  /** Shared store; absent means this process counts alone. */
  redis?: Redis;
  /** Namespace in Redis, so the sign-in and reset-request counters never collide. */
  prefix?: string;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * A rate-limiter-flexible counter in the store. In Redis, an outage falls back to an in-memory
 * count (the insurance limiter) rather than letting every attempt through or refusing all.
 */
function counter(store: ThrottleStore, name: string, points: number, durationMs: number): RateLimiterAbstract {
  // The memory store expires each key with a timer; a longer one would fire at once and forget the key.
  if (durationMs > MAX_TIMER_MS) throw new Error(`throttle ${name}: ${durationMs} ms is longer than a timer can wait`);
  const keyPrefix = `${store.prefix ?? 'login-throttle'}:${name}`;
  const memory = new RateLimiterMemory({ keyPrefix, points, duration: seconds(durationMs) });
  return store.redis ? new RateLimiterRedis({ storeClient: store.redis, keyPrefix, points, duration: seconds(durationMs), insuranceLimiter: memory }) : memory;
}

/** A key is locked while its counter sits above the limit (rate-limiter-flexible's `block`). */
const lockedFor = (res: RateLimiterRes | null, limit: number): AttemptVerdict =>
  res && res.consumedPoints > limit && res.msBeforeNext > 0 ? { allowed: false, retryAfterMs: res.msBeforeNext } : { allowed: true };

/** One lock-out policy over one key space: counts failures, locks at the limit, doubles each next lock-out. */
export class AttemptLimiter {
  private readonly failures: RateLimiterAbstract;
  /** Lock-outs in the current episode; drives the doubling. */
  private readonly lockouts: RateLimiterAbstract;

  constructor(
    private readonly policy: AttemptPolicy,
    store: ThrottleStore = {},
    name = 'attempts',
  ) {
    this.failures = counter(store, `${name}:failures`, policy.maxFailures, policy.windowMs);
    this.lockouts = counter(store, `${name}:lockouts`, Number.MAX_SAFE_INTEGER, policy.forgetAfterMs);
  }

  async check(key: string): Promise<AttemptVerdict> {
    return lockedFor(await this.failures.get(key), this.policy.maxFailures);
  }

  async recordFailure(key: string): Promise<AttemptVerdict> {
    const counted = await this.failures.penalty(key, 1);
    if (counted.consumedPoints > this.policy.maxFailures) return lockedFor(counted, this.policy.maxFailures);
    if (counted.consumedPoints < this.policy.maxFailures) return { allowed: true };
    // Exactly the limit: this failure locks the key (the counter is atomic, so only one caller gets here).
    const episode = await this.lockouts.penalty(key, 1);
    const lockoutMs = Math.min(this.policy.baseLockoutMs * 2 ** (episode.consumedPoints - 1), this.policy.maxLockoutMs);
    await this.failures.block(key, seconds(lockoutMs));
    return { allowed: false, retryAfterMs: lockoutMs };
  }

  async reset(key: string): Promise<void> {
    await Promise.all([this.failures.delete(key), this.lockouts.delete(key)]);
  }
}

/** The (account, address) pairs that signed in successfully: they pass an account's attack ceiling. */
export class KnownAddresses {
  private readonly seen: RateLimiterAbstract;

  constructor(store: ThrottleStore = {}, ttlMs = KNOWN_ADDRESS_TTL_MS) {
    this.seen = counter(store, 'known', 1, ttlMs);
  }

  async remember(email: string, address: string): Promise<void> {
    // Re-set on every success, so an address in use stays known.
    await this.seen.set(pairKey(email, address), 1, this.seen.duration);
  }

  async has(email: string, address: string): Promise<boolean> {
    return (await this.seen.get(pairKey(email, address))) !== null;
  }
}

export interface LoginThrottleOptions extends ThrottleStore {
  /** Per (account, address) pair. Default `PAIR_POLICY`. */
  pair?: AttemptPolicy;
  /** Per account across addresses. Default `ACCOUNT_POLICY`. */
  account?: AccountCeiling;
  /** Per address across accounts. Default `ADDRESS_POLICY`. */
  address?: AttemptPolicy;
  /** Between two attempts of an unknown address on an account over its ceiling. Default `UNKNOWN_ADDRESS_DELAY_MS`. */
  unknownAddressDelayMs?: number;
  /** Shared with another throttle (the reset requests), so a sign-in makes an address known to both. */
  knownAddresses?: KnownAddresses;
}

/**
 * Usage in the login resolver: `check` before verifying the password (answer RATE_LIMITED with
 * the retry time when refused), `recordFailure` on a wrong password or unknown email,
 * `recordSuccess` after a correct one. Pass the normalised email so case variants share a counter.
 */
export class LoginThrottle {
  readonly knownAddresses: KnownAddresses;
  readonly unknownAddressDelayMs: number;
  private readonly pairs: AttemptLimiter;
  private readonly addresses: AttemptLimiter;
  private readonly accountFailures: RateLimiterAbstract;
  private readonly accountCeiling: number;
  /** One attempt per delay for each unknown (account, address) pair while the account is over its ceiling. */
  private readonly unknownPace: RateLimiterAbstract;

  constructor(options: LoginThrottleOptions = {}) {
    const store: ThrottleStore = { ...(options.redis ? { redis: options.redis } : {}), ...(options.prefix ? { prefix: options.prefix } : {}) };
    const account = options.account ?? ACCOUNT_POLICY;
    this.unknownAddressDelayMs = options.unknownAddressDelayMs ?? UNKNOWN_ADDRESS_DELAY_MS;
    this.pairs = new AttemptLimiter(options.pair ?? PAIR_POLICY, store, 'pair');
    this.addresses = new AttemptLimiter(options.address ?? ADDRESS_POLICY, store, 'address');
    this.accountCeiling = account.maxFailures;
    this.accountFailures = counter(store, 'account', account.maxFailures, account.windowMs);
    this.unknownPace = counter(store, 'unknown-pace', 1, this.unknownAddressDelayMs);
    this.knownAddresses = options.knownAddresses ?? new KnownAddresses(store);
  }

  /** May this address try this account now? Over the account ceiling, an unknown address's try is spent here. */
  async check(email: string, address: string): Promise<AttemptVerdict> {
    const [pair, fromAddress, account] = await Promise.all([
      this.pairs.check(pairKey(email, address)),
      this.addresses.check(address),
      this.accountFailures.get(email),
    ]);
    const locked = strictest([pair, fromAddress]);
    if (!locked.allowed) return locked;
    if (!account || account.consumedPoints < this.accountCeiling) return locked;
    if (await this.knownAddresses.has(email, address)) return locked;
    try {
      await this.unknownPace.consume(pairKey(email, address));
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes)
        return { allowed: false, retryAfterMs: Math.max(1, Math.min(rejection.msBeforeNext, this.unknownAddressDelayMs)) };
      throw rejection;
    }
  }

  /** A refusal when this failure locked the pair or the address; the account ceiling only slows later tries. */
  async recordFailure(email: string, address: string): Promise<AttemptVerdict> {
    const [pair, fromAddress] = await Promise.all([
      this.pairs.recordFailure(pairKey(email, address)),
      this.addresses.recordFailure(address),
      this.accountFailures.penalty(email, 1),
    ]);
    return strictest([pair, fromAddress]);
  }

  /**
   * Clears that pair's count and makes the address known to the account. The address's own count
   * stays (one success must not unlock a guessing run from it), and so does the account's: the
   * owner signing in does not end an attack on the account for everyone else.
   */
  async recordSuccess(email: string, address: string): Promise<void> {
    await Promise.all([this.pairs.reset(pairKey(email, address)), this.knownAddresses.remember(email, address)]);
  }
}

/** Addresses hold no spaces and normalised emails none either, so the pair key is unambiguous. */
const pairKey = (email: string, address: string): string => `${address} ${email}`;

function strictest(verdicts: AttemptVerdict[]): AttemptVerdict {
  const waits = verdicts.flatMap((verdict) => (verdict.allowed ? [] : [verdict.retryAfterMs]));
  return waits.length === 0 ? { allowed: true } : { allowed: false, retryAfterMs: Math.max(...waits) };
}

/** The GraphQL error for a refused attempt; the same text whether or not the account exists. */
export const tooManyAttempts = (retryAfterMs: number): GraphQLError =>
  codedError(ErrorCode.RateLimited, 'Too many failed sign-in attempts. Try again later.', {
    retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
  });

// ---------------------------------------------------------------------------------------------
// Request rate limits (rate-limiter-flexible): in memory for one process, in Redis when replicas
// must count together. A Redis outage falls back to an in-memory count rather than refusing all.

export interface RateLimitOptions {
  /** Namespace of the keys (`rl:client:`, `rl:user:` ...), so limits sharing a store never collide. */
  keyPrefix: string;
  /** Requests allowed per window. */
  points: number;
  windowSeconds: number;
  /** Shared store; absent means this process counts alone. */
  redis?: Redis;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface RateLimit {
  consume(key: string): Promise<RateVerdict>;
}

export function createRateLimit({ keyPrefix, points, windowSeconds, redis }: RateLimitOptions): RateLimit {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration: windowSeconds });
  const limiter = redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: windowSeconds, insuranceLimiter: memory }) : memory;
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterMs: Math.max(1, rejection.msBeforeNext) };
        throw rejection;
      }
    },
  };
}

/** A Redis client suited to rate limiting: commands fail at once while disconnected (the insurance limiter takes over). */
export const openRateLimitRedis = (url: string): Redis => new IORedis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
