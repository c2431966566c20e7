import { Pool } from 'undici';

/**
 * One undici connection pool per subgraph origin, shared by every data source the gateway builds
 * (a schema reload builds new ones; the sockets stay). Kept-alive connections, one request at a
 * time on each (no pipelining: a slow answer must not hold the ones queued behind it).
 *
 * Timeouts are the pool's own timers per connection (`headersTimeout`, `bodyTimeout`) rather than a
 * fresh `AbortSignal.timeout` per fetch, which keeps a timer and its closure alive for the whole
 * timeout after the fetch is long done (about 100 MB under load at 10 s).
 */
export interface SubgraphPools {
  /** The pool for `url`'s origin, created on first use. */
  for(url: string): Pool;
  /** Closes every pool (after in-flight requests finished). */
  close(): Promise<void>;
}

export interface SubgraphPoolOptions {
  /** The subgraph must start answering, and then keep sending, within this long. */
  timeoutMs: number;
  /** Idle kept-alive sockets are closed after this long. Default 30 s (subgraphs keep theirs 5 s; undici honours their keep-alive hint). */
  keepAliveMs?: number;
}

export function createSubgraphPools({ timeoutMs, keepAliveMs = 30_000 }: SubgraphPoolOptions): SubgraphPools {
  const pools = new Map<string, Pool>();
  return {
    for(url) {
      const origin = new URL(url).origin;
      let pool = pools.get(origin);
      if (!pool) {
        pool = new Pool(origin, { pipelining: 1, keepAliveTimeout: keepAliveMs, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
        pools.set(origin, pool);
      }
      return pool;
    },
    async close() {
      const closing = [...pools.values()].map((pool) => pool.close().catch(() => pool.destroy()));
      pools.clear();
      await Promise.all(closing);
    },
  };
}
