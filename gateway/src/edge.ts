import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { openRateLimitRedis } from '@skillgraph/platform/src/auth/throttle';
import type { Logger } from '@skillgraph/platform/src/logger';
import { operationObserver } from '@skillgraph/platform/src/observability';
import { CircuitBreaker } from './breaker';
import type { EdgeSettings } from './config';
import type { GatewayContext } from './context';
import { createCors } from './cors';
import { createEventLoopStalls } from './event-loop-stalls';
import { limitCodeOf, operationLimits } from './limits';
import { createGatewayMetrics } from './metrics';
import { createLoadShedder } from './overload';
import { createGatewayRateLimits } from './rate-limits';
import { SUBGRAPH_UNAVAILABLE } from './unavailable';
import { trustedDocumentsCheck } from './trusted-documents';

// An operation name that matches nothing, or several operations and no name: the client's mistake.
const operationNotResolved = (operationName: string | undefined): GraphQLError =>
  new GraphQLError(
    operationName ? `The document has no operation named "${operationName}".` : 'The document has several operations: name the one to run in operationName.',
    {
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
    },
  );

/** Codes the gateway itself produces that are safe for clients as they are. */
const GATEWAY_CODES = new Set<string>([SUBGRAPH_UNAVAILABLE]);

/**
 * Everything the gateway does at its edge, built once from the settings: operation limits,
 * overload shedding, rate limits, CORS, breakers per subgraph, metrics and the operation log line.
 */
export function createEdge(settings: EdgeSettings, logger: Logger) {
  const metrics = createGatewayMetrics();
  const redis: Redis | undefined = settings.rateLimits.redisUrl ? openRateLimitRedis(settings.rateLimits.redisUrl) : undefined;
  redis?.on('error', (error: unknown) => logger.warn({ err: error }, 'rate-limit store unreachable; counting in memory meanwhile'));
  const shedder = createLoadShedder({
    maxInFlight: settings.maxInFlight,
    ...settings.admission,
    eventLoopLagLimitMs: settings.eventLoopLagLimitMs,
    retryAfterSeconds: settings.retryAfterSeconds,
    onShed: (reason) => metrics.shedRequests.inc({ reason }),
  });
  const rateLimits = createGatewayRateLimits(settings.rateLimits, redis, (scope) => metrics.shedRequests.inc({ reason: `rate_limit_${scope}` }));
  const breakers = new Map<string, CircuitBreaker>();
  // The gateway's own stalls, so its lag is never counted against a subgraph's breaker.
  const stalls = createEventLoopStalls();
  const limits = operationLimits(settings.limits);

  const edgePlugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) throw operationNotResolved(request.operationName);
        },
        async didEncounterErrors({ errors }) {
          const limit = errors.map(limitCodeOf).find((code) => code !== undefined);
          if (limit) metrics.limitRefusals.inc({ limit });
        },
      };
    },
  };

  return {
    metrics,
    shedder,
    stalls,
    rateLimits,
    cors: createCors(settings.cors),
    trustedDocuments: trustedDocumentsCheck(settings.trustedDocuments, () => metrics.limitRefusals.inc({ limit: 'trusted_documents' })),
    apolloOptions: {
      validationRules: limits.validationRules,
      parseOptions: limits.parseOptions,
      hideSchemaDetailsFromClientErrors: settings.hideSchemaDetails,
      allowBatchedHttpRequests: false,
    },
    plugins: [edgePlugin, ...limits.plugins, operationObserver<GatewayContext>({ metrics: metrics.service, logger, errorCode: (error) => limitCodeOf(error) })],
    breakerFor(subgraph: string): CircuitBreaker {
      let breaker = breakers.get(subgraph);
      if (!breaker) {
        breaker = new CircuitBreaker({
          ...settings.breaker,
          onChange: (state) => {
            metrics.breakerChanged(subgraph, state);
            logger.warn({ subgraph, state }, 'subgraph circuit breaker changed state');
          },
        });
        metrics.breakerChanged(subgraph, 'closed');
        breakers.set(subgraph, breaker);
      }
      return breaker;
    },
    breakers: breakers as ReadonlyMap<string, CircuitBreaker>,
    /** True when rate limits count in the shared store (Redis connected), or when there is none. */
    rateLimitStoreReady: (): boolean => !redis || redis.status === 'ready',
    /**
     * Wraps the client-facing error formatter: limit refusals keep their own code (Apollo
     * re-codes them GRAPHQL_VALIDATION_FAILED / GRAPHQL_PARSE_FAILED), and subgraph outages keep
     * SUBGRAPH_UNAVAILABLE instead of being masked as internal errors.
     */
    formatError(mask: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError) {
      return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
        const code = formatted.extensions?.code;
        if (typeof code === 'string' && GATEWAY_CODES.has(code)) {
          return { message: formatted.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code } };
        }
        const masked = mask(formatted, error);
        const limit = limitCodeOf(error);
        return limit ? { ...masked, extensions: { ...masked.extensions, code: limit } } : masked;
      };
    },
    async stop(): Promise<void> {
      shedder.stop();
      stalls.stop();
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export type Edge = ReturnType<typeof createEdge>;
