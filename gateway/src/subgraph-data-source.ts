import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher } from '@apollo/utils.fetcher';
import { inSpan, injectTraceHeaders, SpanKind } from '@skillgraph/platform/src/observability';
import type { CircuitBreaker } from './breaker';
import type { GatewayContext, HeaderSink } from './context';
import type { GatewayMetrics } from './metrics';
import { unavailableResponse } from './unavailable';
import { UPLOAD_TIMEOUT_MS, hasUploads, processWithUploads } from './uploads';

export interface SubgraphDataSourceOptions {
  /** The subgraph's name; only metrics and logs see it, never clients. */
  name: string;
  url: string;
  /** Every subgraph fetch is abandoned after this long, so one slow subgraph cannot hold a request. */
  timeoutMs: number;
  /** Adds the trusted identity headers for one subgraph request. */
  forwardIdentity: (headers: HeaderSink, context: Partial<GatewayContext>) => void;
  /** Shared across schema reloads, so a reload does not forget a dead subgraph. */
  breaker: CircuitBreaker;
  metrics?: GatewayMetrics;
}

const fetchWithTimeout = (timeoutMs: number): Fetcher =>
  ((url: string, init?: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;

/**
 * Sends each subgraph request with the identity the gateway verified, and nothing the client
 * claimed. A subgraph that cannot answer (refused, timed out, 5xx) does not fail the operation:
 * its part of the answer becomes null with SUBGRAPH_UNAVAILABLE errors at those paths, and the
 * breaker stops calling it for a while once it keeps failing.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: fetchWithTimeout(options.timeoutMs) });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    // Multipart uploads pass CSRF prevention on the subgraph only with this header (design §9).
    headers.set('apollo-require-preflight', 'true');
    // The gateway builds each subgraph request from scratch (client headers are never copied);
    // only what forwardIdentity adds tells the subgraph who is asking.
    this.options.forwardIdentity(headers, context);
    injectTraceHeaders(headers);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { name, breaker, metrics } = this.options;
    if (!breaker.allow()) {
      metrics?.subgraphFetchErrors.inc({ subgraph: name, reason: 'breaker_open' });
      return unavailableResponse(options.request);
    }
    return inSpan(`fetch ${name}`, SpanKind.CLIENT, { 'graphql.subgraph': name }, async () => {
      const stop = metrics?.subgraphFetchDuration.startTimer({ subgraph: name });
      try {
        // Fetches carrying files stream them as multipart (uploads.ts); everything else is plain JSON.
        const response = hasUploads(options.request.variables)
          ? await processWithUploads(options, { url: this.options.url, timeoutMs: UPLOAD_TIMEOUT_MS, willSendRequest: (o) => this.willSendRequest(o) })
          : await super.process(options);
        breaker.succeeded();
        stop?.({ outcome: 'success' });
        return response;
      } catch (error) {
        // Anything thrown here is the subgraph not answering properly (network, timeout, HTTP
        // error); GraphQL errors it returns come back as a response, not a throw.
        breaker.failed();
        stop?.({ outcome: 'error' });
        metrics?.subgraphFetchErrors.inc({ subgraph: name, reason: failureReason(error) });
        return unavailableResponse(options.request);
      }
    });
  }
}

function failureReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  if (error instanceof Error && 'extensions' in error) return 'http_error';
  return 'unreachable';
}
