import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
// Platform modules by path (see index.ts): the package index loads every adapter.
import { ANONYMOUS } from '@skillgraph/platform/src/auth/viewer';
import type { Logger } from '@skillgraph/platform/src/logger';
import { jsonErrorHandler, jsonNotFound } from '@skillgraph/platform/src/http/express-errors';
import { createHttpServer } from '@skillgraph/platform/src/http/server';
import { maskErrors } from '@skillgraph/platform/src/server/mask-errors';
import type { RunningServer } from '@skillgraph/platform/src/server/subgraph-server';
import { edgeSettingsFromEnvironment, type EdgeSettings } from './config';
import type { ClientRequest, GatewayContext, HeaderSink } from './context';
import { createEdge } from './edge';
import { graphqlRoute, isGraphQLPath } from './graphql-route';
import { readinessHandler } from './readiness';
import { SubgraphDataSource } from './subgraph-data-source';
import { createSubgraphPools } from './subgraph-pools';
import { mountCertificateRoutes, mountMediaRoutes } from './file-routes';
import { mountWebClient } from './web-client';
import { supergraphFromFile } from './supergraph-file';
import { entityKeyAliasRule, entityKeysOf, type EntityKeys } from './entity-key-aliases';
import { installScalarChecks } from './scalar-checks';
import { hideSuggestions } from './suggestions';

export { createGatewayIdentity, stripClientIdentityHeaders, type GatewayIdentity, type GatewayIdentityOptions } from './identity';
export type { ClientRequest, GatewayContext, HeaderSink } from './context';

export interface GatewayOptions {
  /** The composed supergraph file; watched and hot-reloaded. */
  supergraphPath: string;
  /** Subgraph URLs by name, overriding those the supergraph names (other ports, other hosts). */
  subgraphUrls?: Record<string, string>;
  logger: Logger;
  /** Development enables the Sandbox landing page and introspection. Default false. */
  development?: boolean;
  /** Timeout for each subgraph fetch. Default 10 s. */
  subgraphTimeoutMs?: number;
  /**
   * Verifies the client request and returns the context (see `createGatewayIdentity`); throwing a
   * GraphQLError refuses the request before any subgraph is called. Default: everyone is anonymous.
   */
  authenticate?: (req: ClientRequest) => Promise<GatewayContext>;
  /** Adds trusted identity headers (gateway secret, token, client address) to each subgraph request. Default: none. */
  forwardIdentity?: (headers: HeaderSink, context: Partial<GatewayContext>) => void;
  /** Largest accepted JSON body. Default: the edge settings' (1 MB). */
  bodyLimit?: string;
  /** Limits, shedding, rate limits, CORS, breakers, metrics (docs/edge.md). Default: from the environment. */
  edge?: EdgeSettings;
  /** The built web client served at `/` (gateway/src/web-client.ts). Default: none, the API only. */
  webClientDir?: string;
}

/**
 * Masks internal errors, and drops the `serviceName` the gateway adds to subgraph errors: which
 * subgraph refused is our topology, not the client's business (the logs keep it).
 */
function clientFacingError(mask: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const masked = mask(formatted, error);
    if (!masked.extensions || !('serviceName' in masked.extensions)) return masked;
    const { serviceName: _serviceName, ...extensions } = masked.extensions;
    return { ...masked, extensions };
  };
}

/** The one public endpoint: an Apollo gateway over the subgraphs named in the supergraph file. */
export function createGatewayServer(options: GatewayOptions) {
  const settings = options.edge ?? edgeSettingsFromEnvironment();
  const edge = createEdge(settings, options.logger);
  const app = express();
  app.disable('x-powered-by');
  // Decides whether X-Forwarded-For names the client (req.ip); off unless proxies are configured.
  app.set('trust proxy', settings.trustedProxies);
  // /graphql is served by the lean handler (graphql-route.ts) once started; Express serves the rest.
  let graphql: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | undefined;
  const httpServer = createHttpServer(settings.http, (req, res) => (graphql && isGraphQLPath(req.url) ? graphql(req, res) : app(req, res)));
  const subgraphs = new Map<string, string>();
  const subgraphTimeoutMs = options.subgraphTimeoutMs ?? 10_000;
  const pools = createSubgraphPools({ timeoutMs: subgraphTimeoutMs });
  let schemaLoaded = false;
  let draining = false;
  // While draining, every answer closes its connection, so no client reuses a socket we are about to close.
  // (The /graphql route does the same itself.)
  app.use((_req, res, next) => {
    if (draining) res.setHeader('connection', 'close');
    next();
  });
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile({ file: options.supergraphPath, logger: options.logger }),
    buildService: ({ name, url }) => {
      const subgraphUrl = options.subgraphUrls?.[name] ?? url ?? '';
      subgraphs.set(name, subgraphUrl);
      return new SubgraphDataSource({
        name,
        url: subgraphUrl,
        pool: pools.for(subgraphUrl),
        forwardIdentity: options.forwardIdentity ?? (() => {}),
        breaker: edge.breakerFor(name),
        metrics: edge.metrics,
        gatewayLag: { stalls: edge.stalls, timeoutMs: subgraphTimeoutMs },
      });
    },
  });
  let entityKeys: EntityKeys = new Map();
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    installScalarChecks(apiSchema);
    entityKeys = entityKeysOf(coreSupergraphSdl);
    schemaLoaded = true;
  });
  const clientErrors = edge.formatError(clientFacingError(maskErrors(options.logger, true)));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.development ?? false,
    ...edge.apolloOptions,
    validationRules: [...edge.apolloOptions.validationRules, entityKeyAliasRule(() => entityKeys)],
    plugins: [
      ...edge.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      options.development ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    ],
    formatError: settings.hideSchemaDetails ? hideSuggestions(clientErrors) : clientErrors,
    includeStacktraceInErrorResponses: false,
    // Whoever runs the gateway owns shutdown (gateway/src/index.ts, packages/stack): Apollo's own
    // signal handlers would stop it behind their back and re-raise the signal.
    stopOnTerminationSignals: false,
  });
  const identify = options.authenticate ?? (async () => ({ viewer: ANONYMOUS }));
  const authenticate = async (req: ClientRequest): Promise<GatewayContext> => {
    const context = await identify(req);
    if (context.viewer.kind === 'user') await edge.rateLimits.checkUser(context.viewer.id);
    return context;
  };

  let publicOrigin: string | undefined;
  return {
    app,
    /** Breakers, metrics and shedder, for operators' tooling and tests. */
    edge,
    /** The origin the API's absolute links name; page loads of the web client from another host name are redirected there. */
    setPublicOrigin(origin: string): void {
      publicOrigin = origin;
    },
    async listen(port: number, host = '127.0.0.1'): Promise<RunningServer> {
      await apollo.start();
      app.get('/health', (_req, res) => void res.json({ status: 'ok', service: 'gateway' }));
      app.get('/ready', readinessHandler({ schemaLoaded: () => schemaLoaded && !draining, subgraphs: () => subgraphs }));
      if (settings.metricsPublic) app.get('/metrics', edge.metrics.service.handler());
      mountMediaRoutes(app, {
        mediaUrl: () => subgraphs.get('media'),
        authenticate,
        forwardIdentity: options.forwardIdentity ?? (() => {}),
        logger: options.logger,
      });
      mountCertificateRoutes(app, { assessmentsUrl: () => subgraphs.get('assessments'), logger: options.logger });
      // Every edge check in its order (CORS, shedding, rate limits, span, identity headers, body
      // limit, trusted documents), then Apollo; see graphql-route.ts and docs/edge.md.
      graphql = graphqlRoute({
        apollo,
        edge,
        trustProxy: app.get('trust proxy fn') as (address: string, index: number) => boolean,
        authenticate,
        bodyLimit: options.bodyLimit ?? settings.bodyLimit,
        draining: () => draining,
        logger: options.logger,
      });
      // Last: the client's fallback to index.html answers only what nothing above did.
      mountWebClient(app, { directory: options.webClientDir, logger: options.logger, publicOrigin: () => publicOrigin });
      // After everything: no Express HTML page, stack or file path ever reaches a client.
      app.use(jsonNotFound(), jsonErrorHandler(options.logger));
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      edge.shedder.start();
      edge.stalls.start();
      const actualPort = (httpServer.address() as AddressInfo).port;
      const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}/graphql`;
      options.logger.info({ url }, 'gateway listening');
      return {
        url,
        port: actualPort,
        async stop() {
          draining = true;
          if (settings.drainDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.drainDelayMs));
          // Stops listening, closes idle connections, waits for in-flight requests (drain plugin).
          await apollo.stop();
          await pools.close();
          await edge.stop();
        },
      };
    },
  };
}
