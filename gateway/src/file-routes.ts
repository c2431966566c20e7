import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Express, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { ANONYMOUS } from '@skillgraph/platform/src/auth/viewer';
import type { Logger } from '@skillgraph/platform/src/logger';
import type { ClientRequest, GatewayContext, HeaderSink } from './context';

/** Paths the media subgraph serves itself in embedded mode; clients reach them on the gateway's origin. */
export const MEDIA_PATHS = ['/files', '/uploads'] as const;

const REQUEST_HEADERS = ['range', 'if-range', 'if-none-match', 'if-modified-since', 'content-type', 'content-length'];
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer']);

export interface MediaRoutesOptions {
  /** The media subgraph's GraphQL URL (its origin serves the routes); undefined until the supergraph names it. */
  mediaUrl: () => string | undefined;
  /** The gateway's verification of the caller, so unsigned file requests are judged by who asks. */
  authenticate: (req: ClientRequest) => Promise<GatewayContext>;
  forwardIdentity: (headers: HeaderSink, context: Partial<GatewayContext>) => void;
  logger: Logger;
}

/**
 * Streams `/files/*` (downloads, with Range) and `/uploads/*` (signed PUTs) to the media subgraph,
 * with the gateway's trusted identity headers instead of anything the client claimed. Bodies are
 * piped both ways, never buffered.
 */
export function mountMediaRoutes(app: Express, options: MediaRoutesOptions): void {
  const forward = async (req: Request, res: Response) => {
    let context: GatewayContext = { viewer: ANONYMOUS } as GatewayContext;
    if (options.mediaUrl() && req.path !== '' && req.baseUrl === '/files' && req.get('authorization')) {
      try {
        context = await options.authenticate({ headers: req.headers, clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown' });
      } catch (error) {
        const status = error instanceof GraphQLError && error.extensions.code === 'RATE_LIMITED' ? 429 : 401;
        return void res.status(status).type('text/plain').send(error instanceof Error ? error.message : 'not allowed');
      }
    }
    forwardRequest(req, res, { target: options.mediaUrl(), service: 'media', logger: options.logger, identify: (headers) => options.forwardIdentity(headers, context) });
  };
  for (const prefix of MEDIA_PATHS) app.use(prefix, (req, res) => void forward(req, res));
}

/** Where certificate PDFs are served (signed links; docs/learning.md); clients reach them on the gateway's origin. */
export const CERTIFICATE_PATHS = ['/certificates'] as const;

export interface CertificateRoutesOptions {
  /** The assessments subgraph's GraphQL URL (its origin serves the PDFs); undefined until the supergraph names it. */
  assessmentsUrl: () => string | undefined;
  logger: Logger;
}

/**
 * Streams `GET /certificates/<id>.pdf?expires=…&sig=…` to the assessments subgraph. The signed
 * link is its own authorisation, so no identity is forwarded: the subgraph checks the signature.
 * `/certificates` itself is left to the web client (its certificates page, reloadable).
 */
export function mountCertificateRoutes(app: Express, options: CertificateRoutesOptions): void {
  for (const prefix of CERTIFICATE_PATHS)
    app.use(prefix, (req, res, next) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/') return next();
      forwardRequest(req, res, { target: options.assessmentsUrl(), service: 'certificates', logger: options.logger, identify: () => {} });
    });
}

interface ForwardOptions {
  /** The upstream subgraph's URL; its origin receives the request's path and query unchanged. */
  target: string | undefined;
  service: string;
  logger: Logger;
  /** Adds the gateway's trusted identity headers (never the client's own). */
  identify: (headers: HeaderSink) => void;
}

/** One request piped to the upstream and its answer piped back, status and headers included; bodies never buffered. */
function forwardRequest(req: Request, res: Response, options: ForwardOptions): void {
  if (!options.target) return void res.status(503).type('text/plain').send(`${options.service} is not available`);
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = req.get(name);
    if (value !== undefined) headers.set(name, value);
  }
  options.identify(headers as unknown as HeaderSink);
  const url = new URL(req.originalUrl, new URL(options.target).origin);
  const upstream = http.request(url, { method: req.method, headers: Object.fromEntries(headers) });
  upstream.on('response', (answer) => {
    res.status(answer.statusCode ?? 502);
    for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) res.setHeader(name, value);
    pipeline(answer, res).catch(() => res.destroy());
  });
  upstream.on('error', (error) => {
    options.logger.warn({ err: error, service: options.service }, 'forwarded route failed');
    if (!res.headersSent) res.status(502).type('text/plain').send(`${options.service} is not available`);
    else res.destroy();
  });
  if (req.method === 'PUT' || req.method === 'POST') pipeline(req, upstream).catch(() => upstream.destroy());
  else upstream.end();
}
