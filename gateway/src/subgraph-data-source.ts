import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { GatewayContext, HeaderSink } from './context';

export interface SubgraphDataSourceOptions {
  url: string;
  /** Every subgraph fetch is abandoned after this long, so one slow subgraph cannot hold a request. */
  timeoutMs: number;
  /** Adds the trusted identity headers for one subgraph request. */
  forwardIdentity: (headers: HeaderSink, context: Partial<GatewayContext>) => void;
}

const fetchWithTimeout = (timeoutMs: number): Fetcher =>
  ((url: string, init?: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;

/** Sends each subgraph request with the identity the gateway verified, and nothing the client claimed. */
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
  }
}
