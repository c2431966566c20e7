import type { GraphQLError } from 'graphql';
import { Redis as IORedis, type Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { codedError, ErrorCode } from '../errors';

/**
 * Failed-login limiting on three keys: the (account, address) pair locks first, so an attacker
 * locks an account out only for their own address; a much higher ceiling per address across
 * accounts stops credential stuffing; a ceiling per account far above the pair limit slows a run
 * spread over many addresses. Each key counts failures in a sliding window; reaching the limit
 * locks the key, and every further lock-out in the same episode doubles (1 min, 2 min, 4 min ...
 * capped). An episode ends on success or after a quiet period.
 * Keys are counted whether or not the account exists, so lock-outs reveal nothing about which
 * emails are registered.
 */

export interface AttemptRecord {
  /** Failure times (ms) inside the current window, oldest first. */
  failures: number[];
  /** How many times the key was locked in this episode; drives the doubling. */
  lockouts: number;
  lockedUntil: number;
  lastFailureAt: number;
}

/**
 * Where attempt records live. `update` must apply `change` atomically per key (a shared store does
 * compare-and-set in a loop); returning undefined from `change` deletes the record.
 */
export interface AttemptStore {
  get(key: string): Promise<AttemptRecord | undefined>;
  update(key: string, change: (current: AttemptRecord | undefined) => AttemptRecord | undefined, expiresAt: number): Promise<AttemptRecord | undefined>;
  delete(key: string): Promise<void>;
}

/** Single-process store. Expired records are swept as it grows, so key spraying cannot fill memory. */
export class MemoryAttemptStore implements AttemptStore {
  private readonly records = new Map<string, { record: AttemptRecord; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sweepAbove = 10_000,
  ) {}

  async get(key: string): Promise<AttemptRecord | undefined> {
    const entry = this.records.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.records.delete(key);
      return undefined;
    }
    return structuredClone(entry.record);
  }

  async update(key: string, change: (current: AttemptRecord | undefined) => AttemptRecord | undefined, expiresAt: number) {
    const next = change(await this.get(key));
    if (next === undefined) this.records.delete(key);
    else this.records.set(key, { record: structuredClone(next), expiresAt });
    if (this.records.size > this.sweepAbove) this.sweep();
    return next;
  }

  async delete(key: string): Promise<void> {
    this.records.delete(key);
  }

  get size(): number {
    return this.records.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.records) if (entry.expiresAt <= now) this.records.delete(key);
  }
}

/**
 * Shared store for several replicas (the same Redis the gateway's rate limits use), so a guessing
 * run spread over replicas is counted once. Each update is a WATCH/MULTI compare-and-set, retried
 * when another replica changed the key first; updates from this process are serialised because
 * WATCH belongs to the connection.
 */
export class RedisAttemptStore implements AttemptStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'login-throttle:',
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<AttemptRecord | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    return raw === null ? undefined : (JSON.parse(raw) as AttemptRecord);
  }

  update(key: string, change: (current: AttemptRecord | undefined) => AttemptRecord | undefined, expiresAt: number): Promise<AttemptRecord | undefined> {
    const run = this.queue.then(() => this.compareAndSet(this.prefix + key, change, expiresAt));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  private async compareAndSet(
    key: string,
    change: (current: AttemptRecord | undefined) => AttemptRecord | undefined,
    expiresAt: number,
  ): Promise<AttemptRecord | undefined> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      await this.redis.watch(key);
      const raw = await this.redis.get(key);
      const next = change(raw === null ? undefined : (JSON.parse(raw) as AttemptRecord));
      const transaction = this.redis.multi();
      if (next === undefined) transaction.del(key);
      else transaction.set(key, JSON.stringify(next), 'PX', Math.max(1, expiresAt - this.now()));
      // null: another client changed the key after WATCH; read it again.
      if ((await transaction.exec()) !== null) return next;
    }
    throw new Error('login throttle: could not update a contended key');
  }
}

export interface AttemptPolicy {
  /** Failures inside `windowMs` that lock the key. */
  maxFailures: number;
  windowMs: number;
  /** First lock-out; each next one in the same episode doubles, up to `maxLockoutMs`. */
  baseLockoutMs: number;
  maxLockoutMs: number;
  /** A key with no failure for this long starts over (lock-out growth forgotten). */
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

/**
 * Per account, whichever addresses fail: 50 failures in an hour lock for 1 min, doubling up to
 * 15 min. Far above the pair limit, so it only slows a guessing run spread over many addresses;
 * the owner's own address keeps its pair count, and a success clears the account.
 */
export const ACCOUNT_POLICY: AttemptPolicy = {
  maxFailures: 50,
  windowMs: 60 * 60_000,
  baseLockoutMs: 60_000,
  maxLockoutMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** Per address across accounts (credential stuffing): looser, since offices and mobile carriers put many people behind one address. */
export const ADDRESS_POLICY: AttemptPolicy = {
  maxFailures: 30,
  windowMs: 15 * 60_000,
  baseLockoutMs: 5 * 60_000,
  maxLockoutMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Pure step: the record after one more failure at `now`. */
export function recordFailureStep(current: AttemptRecord | undefined, now: number, policy: AttemptPolicy): AttemptRecord {
  const fresh = !current || now - current.lastFailureAt >= policy.forgetAfterMs;
  const record: AttemptRecord = fresh
    ? { failures: [], lockouts: 0, lockedUntil: 0, lastFailureAt: now }
    : { ...current, failures: current.failures.filter((at) => now - at < policy.windowMs), lastFailureAt: now };
  record.failures.push(now);
  if (record.failures.length >= policy.maxFailures) {
    const lockoutMs = Math.min(policy.baseLockoutMs * 2 ** record.lockouts, policy.maxLockoutMs);
    record.lockouts += 1;
    record.lockedUntil = now + lockoutMs;
    record.failures = [];
  }
  return record;
}

export function verdictFor(record: AttemptRecord | undefined, now: number): AttemptVerdict {
  if (!record || record.lockedUntil <= now) return { allowed: true };
  return { allowed: false, retryAfterMs: record.lockedUntil - now };
}

/** One policy over one key space (e.g. accounts). */
export class AttemptLimiter {
  constructor(
    private readonly store: AttemptStore,
    private readonly policy: AttemptPolicy,
    private readonly now: () => number = Date.now,
    private readonly namespace = '',
  ) {}

  async check(key: string): Promise<AttemptVerdict> {
    return verdictFor(await this.store.get(this.namespace + key), this.now());
  }

  async recordFailure(key: string): Promise<AttemptVerdict> {
    const now = this.now();
    const record = await this.store.update(this.namespace + key, (current) => recordFailureStep(current, now, this.policy), now + this.policy.forgetAfterMs);
    return verdictFor(record, now);
  }

  async reset(key: string): Promise<void> {
    await this.store.delete(this.namespace + key);
  }
}

export interface LoginThrottleOptions {
  store?: AttemptStore;
  clock?: () => number;
  /** Per (account, address) pair. Default `PAIR_POLICY`. */
  pair?: AttemptPolicy;
  /** Per account across addresses. Default `ACCOUNT_POLICY`. */
  account?: AttemptPolicy;
  /** Per address across accounts. Default `ADDRESS_POLICY`. */
  address?: AttemptPolicy;
}

/**
 * Usage in the login resolver: `check` before verifying the password (answer RATE_LIMITED with
 * the retry time when refused), `recordFailure` on a wrong password or unknown email,
 * `recordSuccess` after a correct one. Pass the normalised email so case variants share a counter.
 * A refusal comes from whichever key is locked: the pair, the account ceiling or the address ceiling.
 */
export class LoginThrottle {
  private readonly pairs: AttemptLimiter;
  private readonly accounts: AttemptLimiter;
  private readonly addresses: AttemptLimiter;

  constructor(options: LoginThrottleOptions = {}) {
    const clock = options.clock ?? Date.now;
    const store = options.store ?? new MemoryAttemptStore(clock);
    this.pairs = new AttemptLimiter(store, options.pair ?? PAIR_POLICY, clock, 'pair:');
    this.accounts = new AttemptLimiter(store, options.account ?? ACCOUNT_POLICY, clock, 'account:');
    this.addresses = new AttemptLimiter(store, options.address ?? ADDRESS_POLICY, clock, 'address:');
  }

  async check(email: string, address: string): Promise<AttemptVerdict> {
    return strictest([await this.pairs.check(pairKey(email, address)), await this.accounts.check(email), await this.addresses.check(address)]);
  }

  async recordFailure(email: string, address: string): Promise<AttemptVerdict> {
    return strictest([
      await this.pairs.recordFailure(pairKey(email, address)),
      await this.accounts.recordFailure(email),
      await this.addresses.recordFailure(address),
    ]);
  }

  /**
   * Clears the account's count and, given the address, that pair's. The address keeps its count:
   * one success must not unlock a guessing run from it; other pairs keep theirs, so signing in from
   * home does not unlock an attacker's address for the account.
   */
  async recordSuccess(email: string, address?: string): Promise<void> {
    await this.accounts.reset(email);
    if (address !== undefined) await this.pairs.reset(pairKey(email, address));
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
