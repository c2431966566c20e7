import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Pool } from 'undici';
import { inSpan, injectTraceHeaders, SpanKind } from '@skillgraph/platform/src/observability';
import type { CircuitBreaker } from './breaker';
import type { EventLoopStalls } from './event-loop-stalls';
import type { GatewayContext, HeaderSink } from './context';
import type { GatewayMetrics } from './metrics';
import { unavailableResponse } from './unavailable';
import { UPLOAD_TIMEOUT_MS, hasUploads, processWithUploads } from './uploads';

export interface SubgraphDataSourceOptions {
  /** The subgraph's name; only metrics and logs see it, never clients. */
  name: string;
  url: string;
  /** The subgraph origin's connection pool (subgraph-pools.ts); its timeouts bound every fetch. */
  pool: Pool;
  /** Adds the trusted identity headers for one subgraph request. */
  forwardIdentity: (headers: HeaderSink, context: Partial<GatewayContext>) => void;
  /** Shared across schema reloads, so a reload does not forget a dead subgraph. */
  breaker: CircuitBreaker;
  metrics?: GatewayMetrics;
  /** The gateway's own event-loop stalls and the fetch timeout: a timeout it caused is not the subgraph's fault. */
  gatewayLag?: { stalls: EventLoopStalls; timeoutMs: number };
}

/** A subgraph that answered with an HTTP error status (its body is not passed on). */
class SubgraphHttpError extends Error {
  constructor(readonly status: number) {
    super(`subgraph answered HTTP ${status}`);
    this.name = 'SubgraphHttpError';
  }
}

/** A subgraph that refused the operation itself (HTTP 4xx): the client's request, not the subgraph's health. */
class SubgraphRefusal extends Error {
  constructor(readonly response: GatewayGraphQLResponse) {
    super('subgraph refused the operation');
    this.name = 'SubgraphRefusal';
  }
}

const isJsonType = (contentType: string | string[] | undefined): boolean =>
  typeof contentType === 'string' && (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json'));

/**
 * Sends each subgraph request with the identity the gateway verified, and nothing the client
 * claimed. A subgraph that cannot answer (refused, timed out, 5xx) does not fail the operation:
 * its part of the answer becomes null with SUBGRAPH_UNAVAILABLE errors at those paths, and the
 * breaker stops calling it for a while once it keeps failing.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly path: string;
  private readonly spanName: string;
  private readonly spanAttributes: Record<string, string>;
  /** Label children resolved once: prom-client otherwise hashes the label set on every observation. */
  private readonly fetchDuration?: Record<'success' | 'error', { observe(seconds: number): void }>;

  constructor(private readonly options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    const url = new URL(options.url);
    this.path = url.pathname + url.search;
    this.spanName = `fetch ${options.name}`;
    this.spanAttributes = { 'graphql.subgraph': options.name };
    const histogram = options.metrics?.subgraphFetchDuration;
    if (histogram) {
      this.fetchDuration = {
        success: histogram.labels({ subgraph: options.name, outcome: 'success' }),
        error: histogram.labels({ subgraph: options.name, outcome: 'error' }),
      };
    }
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

  /**
   * One JSON subgraph fetch on the origin's pool: headers as a plain record (identity, preflight,
   * trace), the body read once and parsed once. Replaces RemoteGraphQLDataSource's fetch path,
   * which builds node-fetch Headers and a Request per fetch and reads the body through web streams.
   */
  private async fetchJson(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { http: _http, ...payload } = options.request;
    if (!payload.query) throw new Error('Missing query');
    // Multipart uploads pass CSRF prevention on the subgraph only with the preflight header (design §9).
    const headers: Record<string, string> = { 'content-type': 'application/json', 'apollo-require-preflight': 'true' };
    const sink: HeaderSink = {
      set: (name, value) => {
        headers[name.toLowerCase()] = value;
      },
    };
    // Built from scratch (client headers are never copied): only what forwardIdentity adds tells
    // the subgraph who is asking.
    this.options.forwardIdentity(sink, options.context);
    injectTraceHeaders(sink);
    const response = await this.options.pool.request({ path: this.path, method: 'POST', headers, body: JSON.stringify(payload) });
    const text = await response.body.text();
    if (response.statusCode >= 400 && response.statusCode < 500) throw new SubgraphRefusal(refusalResponse(text));
    if (response.statusCode < 200 || response.statusCode >= 300) throw new SubgraphHttpError(response.statusCode);
    if (!isJsonType(response.headers['content-type'])) throw new Error('subgraph answered without JSON');
    const body = JSON.parse(text) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('subgraph answered JSON that is not an object');
    restrictCachePolicy(options, response.headers['cache-control']);
    return body as GatewayGraphQLResponse;
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { name, breaker, metrics } = this.options;
    if (!breaker.allow()) {
      metrics?.subgraphFetchErrors.inc({ subgraph: name, reason: 'breaker_open' });
      return unavailableResponse(options.request);
    }
    return inSpan(this.spanName, SpanKind.CLIENT, this.spanAttributes, async () => {
      const started = performance.now();
      const stalledAtStart = this.options.gatewayLag?.stalls.stalledMs() ?? 0;
      try {
        // Fetches carrying files stream them as multipart (uploads.ts); everything else is plain JSON.
        const response = hasUploads(options.request.variables)
          ? await processWithUploads(options, { url: this.options.url, timeoutMs: UPLOAD_TIMEOUT_MS, willSendRequest: (o) => this.willSendRequest(o) })
          : await this.fetchJson(options);
        breaker.succeeded();
        this.fetchDuration?.success.observe((performance.now() - started) / 1000);
        return response;
      } catch (error) {
        if (error instanceof SubgraphRefusal) {
          // Counting these would let anyone switch a subgraph off for everyone with a few invalid requests.
          breaker.inconclusive();
          metrics?.subgraphFetchErrors.inc({ subgraph: name, reason: 'client_error' });
          return error.response;
        }
        // Anything else thrown here is the subgraph not answering properly (network, timeout, 5xx);
        // GraphQL errors it returns with 200 come back as a response, not a throw.
        const reason = failureReason(error);
        const gatewayLagged = reason === 'timeout' && this.timedOutOnGatewayLag(started, stalledAtStart);
        if (gatewayLagged) breaker.inconclusive();
        else breaker.failed();
        this.fetchDuration?.error.observe((performance.now() - started) / 1000);
        metrics?.subgraphFetchErrors.inc({ subgraph: name, reason: gatewayLagged ? 'timeout_gateway_lag' : reason });
        return unavailableResponse(options.request);
      }
    });
  }

  /**
   * A timeout is the subgraph's fault only if the gateway was attentive for most of the timeout.
   * When the gateway's own loop was stalled for a good part of it, the answer may have been sitting
   * unread on the socket (the timeout timer runs before the socket is read once the loop is free),
   * or the gateway sent late: either way the subgraph was not given its time.
   */
  private timedOutOnGatewayLag(started: number, stalledAtStart: number): boolean {
    const lag = this.options.gatewayLag;
    if (!lag) return false;
    const attentiveMs = performance.now() - started - (lag.stalls.stalledMs() - stalledAtStart);
    return attentiveMs < 0.75 * lag.timeoutMs;
  }
}

const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);
const REFUSED = 'The operation is invalid and was refused.';

/**
 * What the client gets when a subgraph refuses an operation with 4xx: the subgraph's messages
 * (they describe the client's own operation or variables) with a client error code, and nothing
 * else from its answer (no locations in the subgraph's query, no extensions). Anything unexpected
 * becomes one GRAPHQL_VALIDATION_FAILED error: a 4xx is never SUBGRAPH_UNAVAILABLE.
 */
function refusalResponse(text: string): GatewayGraphQLResponse {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  const refused = Array.isArray(errors)
    ? errors.flatMap((error: unknown) => {
        if (typeof error !== 'object' || error === null) return [];
        const { message, extensions } = error as { message?: unknown; extensions?: { code?: unknown } };
        const code = typeof extensions?.code === 'string' && CLIENT_CODES.has(extensions.code) ? extensions.code : 'GRAPHQL_VALIDATION_FAILED';
        return [{ message: typeof message === 'string' && message.length > 0 ? message : REFUSED, extensions: { code } }];
      })
    : [];
  return { errors: refused.length > 0 ? refused : [{ message: REFUSED, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] };
}

function failureReason(error: unknown): string {
  if (error instanceof SubgraphHttpError) return 'http_error';
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
  return 'unreachable';
}

/**
 * What `RemoteGraphQLDataSource` does with a subgraph's `cache-control` header: the operation's
 * cache policy can only get stricter for it (no header: not cacheable).
 */
function restrictCachePolicy(options: GraphQLDataSourceProcessOptions<GatewayContext>, header: string | string[] | undefined): void {
  if (!('incomingRequestContext' in options)) return;
  const policy = options.incomingRequestContext.overallCachePolicy;
  if (!policy || !('restrict' in policy)) return;
  const hint: { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } = { maxAge: 0 };
  for (const directive of (typeof header === 'string' ? header : '').split(',')) {
    const [name, value] = directive.trim().toLowerCase().split('=');
    if (name === 'max-age' && value !== undefined && /^[0-9]+$/.test(value)) hint.maxAge = Number(value);
    else if (name === 'private') hint.scope = 'PRIVATE';
    else if (name === 'public') hint.scope = 'PUBLIC';
  }
  policy.restrict(hint);
}
