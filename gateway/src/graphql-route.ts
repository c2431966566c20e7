import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { graphqlHttpHandler, inServerSpan, jsonErrorHandler } from '@skillgraph/platform/src/http';
import type { Logger } from '@skillgraph/platform/src/logger';
import { clientAddressOf, type ProxyTrust } from './client-address';
import type { ClientRequest, GatewayContext } from './context';
import type { Edge } from './edge';
import { stripClientIdentityHeaders } from './identity';
import { gatewayUploads } from './uploads';

/**
 * `/graphql` on plain node:http: every edge check of docs/edge.md in its order, then the lean
 * GraphQL handler. Express (its router, `express.json`, the Express integration) cost more CPU per
 * request than the gateway's own work on small operations, so only multipart uploads still go
 * through Express (their parser is Express middleware); everything else never touches it.
 *
 *   CORS (preflight answered) → admission (adaptive in-flight limit, short queue; 503) → per-client rate limit (429) → server span
 *   → strip client identity headers → JSON body (size limit) or multipart upload parser
 *   → trusted documents → Apollo (CSRF prevention, context: token check, per-user limit, ...)
 */

export interface GraphQLRouteOptions {
  apollo: ApolloServer<GatewayContext>;
  edge: Edge;
  /** Express's compiled `trust proxy` setting, so the client address is what `req.ip` would be. */
  trustProxy: ProxyTrust;
  /** Verifies the caller (token, per-user rate limit); its GraphQLErrors become Apollo's answer. */
  authenticate: (req: ClientRequest) => Promise<GatewayContext>;
  bodyLimit: string;
  /** True once shutdown began: every answer then closes its connection. */
  draining: () => boolean;
  logger: Logger;
}

/** The client address computed once per request, for the rate limit and the context alike. */
const CLIENT_ADDRESS = Symbol('clientAddress');
type AddressedRequest = IncomingMessage & { [CLIENT_ADDRESS]?: string };

const isMultipart = (req: IncomingMessage): boolean => req.headers['content-type']?.toLowerCase().startsWith('multipart/form-data') ?? false;

/** True for `/graphql`, `/graphql/…` and `/graphql?…`, case-insensitively as Express routes. */
export function isGraphQLPath(url: string | undefined): boolean {
  if (!url || url.length < 8) return false;
  const prefix = url.slice(0, 8);
  if (prefix !== '/graphql' && prefix.toLowerCase() !== '/graphql') return false;
  const next = url[8];
  return next === undefined || next === '/' || next === '?';
}

/** The `/graphql` handler for a node:http server: `(req, res)`; answers every request it is given. */
export function graphqlRoute(options: GraphQLRouteOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { apollo, edge } = options;
  const identify = (req: IncomingMessage): Promise<GatewayContext> =>
    options.authenticate({ headers: req.headers, clientAddress: (req as AddressedRequest)[CLIENT_ADDRESS] ?? 'unknown' });
  const lean = graphqlHttpHandler(apollo, {
    bodyLimit: options.bodyLimit,
    context: identify,
    beforeExecute: (req, res, body) => edge.trustedDocuments(req.method, body, searchOf(req.url), res),
  });
  // Multipart uploads keep their Express path (graphql-upload-minimal is Express middleware).
  const uploads = express();
  uploads.disable('x-powered-by');
  uploads.use(
    gatewayUploads(),
    (req, res, next) => (edge.trustedDocuments(req.method, req.body, searchOf(req.originalUrl), res) === false ? undefined : next()),
    expressMiddleware(apollo, { context: async ({ req }) => identify(req) }),
  );
  // A malformed multipart body must not reach Express's default handler (HTML, stack, paths).
  uploads.use(jsonErrorHandler(options.logger));

  const accepted = (req: IncomingMessage, res: ServerResponse): void => {
    // One server span per accepted request; subgraph fetches become its children.
    inServerSpan('gateway', req, res, () => {
      stripClientIdentityHeaders(req.headers);
      if (isMultipart(req)) return void uploads(req as express.Request, res as express.Response);
      void lean(req, res);
    });
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    // While draining, every answer closes its connection, so no client reuses a socket we are about to close.
    if (options.draining()) res.setHeader('connection', 'close');
    // Cheapest refusals first: CORS preflights, then overload, then rate limits, all before the body is read.
    if (!edge.cors(req, res)) return;
    edge.shedder.admit(req, res, () => limitClient(req, res));
  };

  const limitClient = (req: IncomingMessage, res: ServerResponse): void => {
    const clientAddress = clientAddressOf(req, options.trustProxy);
    (req as AddressedRequest)[CLIENT_ADDRESS] = clientAddress;
    const admitted = edge.rateLimits.admitClient(clientAddress, req.method, res);
    if (admitted === true) return accepted(req, res);
    if (admitted === false) return;
    admitted.then(
      (go) => (go ? accepted(req, res) : undefined),
      () => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
      },
    );
  };
  return handle;
}

function searchOf(url: string | undefined): string {
  const index = url?.indexOf('?') ?? -1;
  return index === -1 ? '' : url!.slice(index);
}
