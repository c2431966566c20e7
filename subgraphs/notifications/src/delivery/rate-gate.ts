import type { openRateLimitRedis } from '@skillgraph/platform';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * The global sending rate: at most `limit` emails in each window of `windowMs`, counted with
 * rate-limiter-flexible. Windows are aligned to the clock (key = window number), so "at most
 * `limit` per window" holds for every window, not only for windows that start at a first send.
 * With `redis`, every worker process counts in the same keys, so the limit holds for all of them
 * together; while Redis is unreachable each process falls back to counting alone.
 */
/** The Redis client the platform opens for rate limits (`openRateLimitRedis`). */
export type RateRedis = ReturnType<typeof openRateLimitRedis>;

export interface RateGate {
  /** 0 when a send may start now (and it is counted); otherwise how long to wait first. */
  take(): Promise<number>;
}

export interface RateGateOptions {
  limit: number;
  windowMs: number;
  redis?: RateRedis;
  now?: () => number;
}

export function createRateGate({ limit, windowMs, redis, now = Date.now }: RateGateOptions): RateGate {
  // Keys live two windows, so a window's count outlasts its end whatever the clocks' drift.
  const settings = { keyPrefix: 'mail-rate', points: limit, duration: Math.max(1, Math.ceil((windowMs * 2) / 1000)) };
  const memory = new RateLimiterMemory(settings);
  const limiter: RateLimiterAbstract = redis ? new RateLimiterRedis({ ...settings, storeClient: redis, insuranceLimiter: memory }) : memory;
  return {
    async take() {
      const at = now();
      const window = Math.floor(at / windowMs);
      try {
        await limiter.consume(`w${windowMs}:${window}`);
        return 0;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return (window + 1) * windowMs - at;
      }
    },
  };
}
