import http, { type RequestListener } from 'node:http';
import { z } from 'zod';
import { loadConfig, type Env } from '../config';

/**
 * The node:http timeouts every server of the project uses (gateway, subgraphs, the media worker's
 * metrics port), so a client cannot hold a connection open by sending its request slowly.
 */
export interface HttpServerTimeouts {
  /** The whole request head (request line and headers) must arrive within this long. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this long (uploads stream through the gateway). */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
}

const milliseconds = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(1, 'must be at least 1')
    .max(86_400_000, 'must be at most 86400000')
    .default(fallback);

const httpServerEnvSchema = z
  .object({
    HTTP_HEADERS_TIMEOUT_MS: milliseconds(10_000),
    HTTP_REQUEST_TIMEOUT_MS: milliseconds(3_600_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: milliseconds(5_000),
  })
  .refine((e) => e.HTTP_HEADERS_TIMEOUT_MS <= e.HTTP_REQUEST_TIMEOUT_MS, {
    path: ['HTTP_HEADERS_TIMEOUT_MS'],
    message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS',
  });

/** The timeouts from the environment (defaults in docs/edge.md "HTTP server timeouts"). */
export function loadHttpServerTimeouts(service: string, source: Env): HttpServerTimeouts {
  const e = loadConfig(service, httpServerEnvSchema, source);
  return { headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS, keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS };
}

export const DEFAULT_HTTP_SERVER_TIMEOUTS: HttpServerTimeouts = loadHttpServerTimeouts('http', {});

/** A node:http server with `timeouts` applied; the one place the project creates HTTP servers. */
export function createHttpServer(timeouts: HttpServerTimeouts, listener?: RequestListener): http.Server {
  const server = http.createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      // Node checks both timeouts on this interval (30 s by default, which would let a slow
      // client stay up to 30 s past its limit): a quarter of the headers limit, at most 1 s.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(timeouts.headersTimeoutMs / 4))),
    },
    listener,
  );
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  return server;
}
