import type { RequestHandler } from 'express';

export interface CorsSettings {
  /** Exact origins allowed (`https://app.example.com`); empty = no cross-origin access. */
  origins: string[];
  /** Allow cookies / HTTP auth on cross-origin requests. Off: tokens travel in `Authorization`. */
  credentials: boolean;
}

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, traceparent, tracestate';

/**
 * CORS for the listed origins only. Other origins get no CORS header (the browser then refuses to
 * expose the answer); preflights are answered here with 204 either way. Apollo's CSRF prevention
 * stays on behind this: a simple cross-site form post is still refused.
 */
export function corsMiddleware({ origins, credentials }: CorsSettings): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    const permitted = origin !== undefined && allowed.has(origin);
    if (allowed.size > 0) res.vary('Origin');
    if (permitted) {
      res.setHeader('access-control-allow-origin', origin);
      if (credentials) res.setHeader('access-control-allow-credentials', 'true');
    }
    if (req.method !== 'OPTIONS') return next();
    if (permitted) {
      res.setHeader('access-control-allow-methods', ALLOWED_METHODS);
      res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
      res.setHeader('access-control-max-age', '600');
    }
    res.status(204).end();
  };
}
