import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * The global sending rate: at most `limit` emails in each window of `windowMs`, counted with
 * rate-limiter-flexible. Windows are aligned to the clock (key = window number), so "at most
 * `limit` per window" holds for every window, not only for windows that start at a first send.
 */
export interface RateGate {
  /** 0 when a send may start now (and it is counted); otherwise how long to wait first. */
  take(): Promise<number>;
}

export function createRateGate(limit: number, windowMs: number, now: () => number = Date.now): RateGate {
  const limiter = new RateLimiterMemory({ keyPrefix: 'mail', points: limit, duration: (windowMs * 2) / 1000 });
  return {
    async take() {
      const at = now();
      const window = Math.floor(at / windowMs);
      try {
        await limiter.consume(`w${window}`);
        return 0;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return (window + 1) * windowMs - at;
      }
    },
  };
}
