import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CorsSettings {
  /** Exact origins allowed (`https://app.example.com`); empty = no cross-origin access. */
  origins: string[];
  /** Allow cookies / HTTP auth on cross-origin requests. Off: tokens travel in `Authorization`. */
  credentials: boolean;
}

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, traceparent, tracestate';

/** Adds `Origin` to the response's Vary header, keeping what is there. */
function varyOnOrigin(res: ServerResponse): void {
  const current = res.getHeader('vary');
  if (current === undefined) return void res.setHeader('vary', 'Origin');
  const text = Array.isArray(current) ? current.join(', ') : String(current);
  if (!/(^|,)\s*(origin|\*)\s*(,|$)/i.test(text)) res.setHeader('vary', `${text}, Origin`);
}

/**
 * CORS for the listed origins only. Other origins get no CORS header (the browser then refuses to
 * expose the answer); preflights are answered here with 204 either way. Apollo's CSRF prevention
 * stays on behind this: a simple cross-site form post is still refused.
 *
 * Returns false when it answered the request itself (a preflight), true to go on.
 */
export function createCors({ origins, credentials }: CorsSettings): (req: IncomingMessage, res: ServerResponse) => boolean {
  const allowed = new Set(origins);
  return (req, res) => {
    const origin = req.headers.origin;
    const permitted = origin !== undefined && allowed.has(origin);
    if (allowed.size > 0) varyOnOrigin(res);
    if (permitted) {
      res.setHeader('access-control-allow-origin', origin);
      if (credentials) res.setHeader('access-control-allow-credentials', 'true');
    }
    if (req.method !== 'OPTIONS') return true;
    if (permitted) {
      res.setHeader('access-control-allow-methods', ALLOWED_METHODS);
      res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
      res.setHeader('access-control-max-age', '600');
    }
    res.statusCode = 204;
    res.end();
    return false;
  };
}
