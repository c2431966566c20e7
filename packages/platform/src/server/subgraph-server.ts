import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { DocumentNode } from 'graphql';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Logger } from '../logger';
import type { RequestGuard } from '../auth/gateway-trust';
import { processEnv } from '../config';
import { graphqlHttpHandler, inServerSpan, isJsonContentType, jsonErrorHandler, jsonNotFound } from '../http';
import { createHttpServer, loadHttpServerTimeouts, type HttpServerTimeouts } from '../http/server';
import type { BackgroundTask } from './runtime';
import { maskErrors } from './mask-errors';
import { ServiceMetrics } from '../observability/metrics';
import { operationObserver } from '../observability/operations';
import { serverSpanMiddleware } from '../observability/tracing';

/**
 * What `resolvers` must be: the subgraph's generated `Resolvers` type, named at the call
 * (`createSubgraphServer<Context, Resolvers>(...)`), so a misspelt or missing resolver is a compile error.
 */
export type BoundResolvers<TResolvers> = [TResolvers] extends [never]
  ? 'name the generated Resolvers type: createSubgraphServer<Context, Resolvers>(...)'
  : TResolvers;

export interface SubgraphServerOptions<TContext extends BaseContext, TResolvers extends object = never> {
  /** The subgraph's name as the supergraph knows it (`users`, `courses`...). */
  name: string;
  typeDefs: DocumentNode;
  /** Typed by graphql-codegen per subgraph (see BoundResolvers); federation's own map type is looser. */
  resolvers: BoundResolvers<TResolvers>;
  /** Builds the per-request context (viewer, DataLoaders); called once per HTTP request. */
  context: (req: IncomingMessage) => Promise<TContext>;
  logger: Logger;
  /** Runs before GraphQL on every /graphql request (e.g. the gateway-secret check). Default none. */
  guards?: RequestGuard[];
  /** Extra Apollo plugins (tests count operations with one). Default none. */
  plugins?: ApolloServerPlugin<TContext>[];
  /** Readiness probe behind `/ready`, e.g. the document store's ping. Default always ready. */
  ready?: () => Promise<void>;
  /** Hides internal error messages from clients. Default true. */
  maskInternalErrors?: boolean;
  /** Largest accepted JSON body. Default 1 MB. */
  bodyLimit?: string;
  /** Started after the server listens, stopped after it drains (relay, consumers). Default none. */
  background?: BackgroundTask[];
  /** Extra routes mounted before GraphQL (e.g. `/.well-known/jwks.json`). */
  routes?: (app: express.Express) => void;
  /** node:http timeouts (slow clients are cut off). Default: from the environment (HTTP_*_TIMEOUT_MS). */
  httpTimeouts?: HttpServerTimeouts;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  stop(): Promise<void>;
}

/** Builds an Express 5 + Apollo Server 5 subgraph; no I/O until `listen` is called. */
export function createSubgraphServer<TContext extends BaseContext, TResolvers extends object = never>(options: SubgraphServerOptions<TContext, TResolvers>) {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createHttpServer(options.httpTimeouts ?? loadHttpServerTimeouts(options.name, processEnv()));
  // Subgraph ports are internal (only the gateway is public), so /metrics is always served here.
  const metrics = new ServiceMetrics(options.name);
  const schema = buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as unknown as GraphQLResolverMap<unknown> });
  const apollo = new ApolloServer<TContext>({
    schema,
    // Each of these would cost per request or per field without serving anyone: inline traces and
    // cache hints only feed Apollo's hosted reporting and CDN caching (the gateway uses neither), and
    // only the gateway is public, so a subgraph has no landing page to show.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      operationObserver<TContext>({ metrics, logger: options.logger }),
      ...(options.plugins ?? []),
    ],
    formatError: maskErrors(options.logger, options.maskInternalErrors ?? true),
    includeStacktraceInErrorResponses: false,
    // Whoever runs the server owns shutdown (runSubgraph, packages/stack): Apollo's own signal
    // handlers would stop it concurrently with that shutdown, which can then hang.
    stopOnTerminationSignals: false,
  });

  const spanName = `subgraph ${options.name}`;
  let started = false;
  return {
    app,
    /** What the server was built from, for tooling and the resolver-coverage test. */
    definition: { schema, typeDefs: options.typeDefs, resolvers: options.resolvers },
    /** This subgraph's Prometheus registry (served at `/metrics`). */
    metrics,
    async listen(port: number, host = '127.0.0.1'): Promise<RunningServer> {
      await apollo.start();
      started = true;
      app.get('/health', (_req, res) => void res.json({ status: 'ok', service: options.name }));
      app.get('/ready', async (_req, res) => {
        try {
          await options.ready?.();
          res.json({ status: 'ready', service: options.name });
        } catch (error) {
          options.logger.warn({ err: error }, 'readiness check failed');
          res.status(503).json({ status: 'unavailable', service: options.name });
        }
      });
      app.get('/metrics', metrics.handler());
      options.routes?.(app);
      const guards = options.guards ?? [];
      app.use(
        '/graphql',
        // The caller's traceparent (the gateway's fetch span) parents everything this request does.
        serverSpanMiddleware(spanName),
        ...guards,
        express.json({ limit: options.bodyLimit ?? '1mb' }),
        expressMiddleware(apollo, { context: async ({ req }) => options.context(req) }),
      );
      // Last: no Express HTML page, stack or file path ever reaches a client.
      app.use(jsonNotFound(), jsonErrorHandler(options.logger));
      const lean = graphqlHttpHandler(apollo, { context: (req) => options.context(req), bodyLimit: options.bodyLimit ?? '1mb' });
      httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
        if (!isLeanGraphQLRequest(req)) return void app(req, res);
        inServerSpan(spanName, req, res, () => runGuards(guards, req, res, () => void lean(req, res)));
      });
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const actualPort = (httpServer.address() as AddressInfo).port;
      const url = `http://${host}:${actualPort}/graphql`;
      options.logger.info({ url }, `${options.name} subgraph listening`);
      const background = options.background ?? [];
      for (const task of background) await task.start();
      return {
        url,
        port: actualPort,
        async stop() {
          if (started) await apollo.stop();
          started = false;
          // After the drain, so no request stages an event the relay would no longer pick up.
          for (const task of [...background].reverse()) await task.stop();
        },
      };
    },
  };
}

/**
 * What the gateway sends every subgraph: a JSON POST to exactly `/graphql`. Those take the lean
 * node:http path (no Express middleware chain, no body-parser, no ETag); anything else under
 * `/graphql` (GET, multipart uploads, other content types) goes through Express as before, so its
 * answers, including Apollo's CSRF refusals, are unchanged.
 */
function isLeanGraphQLRequest(req: IncomingMessage): boolean {
  return req.method === 'POST' && req.url === '/graphql' && isJsonContentType(req.headers['content-type']);
}

/** Runs the guards in order; `done` only once every one of them let the request through. */
function runGuards(guards: readonly RequestGuard[], req: IncomingMessage, res: ServerResponse, done: () => void): void {
  const step = (index: number): void => {
    const guard = guards[index];
    if (!guard) return done();
    guard(req, res, (error) => {
      if (error !== undefined) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
        return;
      }
      step(index + 1);
    });
  };
  step(0);
}
