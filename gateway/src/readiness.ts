import type { RequestHandler } from 'express';

export interface ReadinessOptions {
  /** Whether the gateway has a supergraph to serve (and is not shutting down). */
  schemaLoaded: () => boolean;
  /** Subgraph GraphQL URLs by name, as the gateway uses them. */
  subgraphs: () => ReadonlyMap<string, string>;
  /** Per-subgraph probe timeout. Default 2 s. */
  timeoutMs?: number;
  /** Answers are reused this long, so a probe storm does not become a subgraph storm. Default 1 s. */
  cacheMs?: number;
}

async function subgraphReady(graphqlUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(new URL('/ready', graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * `GET /ready`: 200 once the supergraph is loaded and every subgraph's own `/ready` answers 200;
 * 503 otherwise, naming which subgraphs are not ready (names only, no addresses).
 */
export function readinessHandler({ schemaLoaded, subgraphs, timeoutMs = 2000, cacheMs = 1000 }: ReadinessOptions): RequestHandler {
  let cached: { at: number; status: number; body: unknown } | undefined;
  return async (_req, res) => {
    // Not cached: a gateway that is draining must say so at once.
    if (!schemaLoaded()) return void res.status(503).json({ status: 'unavailable', service: 'gateway', schemaLoaded: false });
    if (!cached || Date.now() - cached.at > cacheMs) {
      const entries = [...subgraphs()];
      const results = await Promise.all(entries.map(async ([name, url]) => [name, await subgraphReady(url, timeoutMs)] as const));
      const unavailable = results.filter(([, ready]) => !ready).map(([name]) => name);
      const ready = schemaLoaded() && entries.length > 0 && unavailable.length === 0;
      cached = {
        at: Date.now(),
        status: ready ? 200 : 503,
        body: { status: ready ? 'ready' : 'unavailable', service: 'gateway', schemaLoaded: schemaLoaded(), ...(unavailable.length ? { unavailable } : {}) },
      };
    }
    res.status(cached.status).json(cached.body);
  };
}
