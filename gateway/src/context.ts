import type { IncomingHttpHeaders } from 'node:http';
import type { Viewer } from '@skillgraph/platform';

/** What the gateway knows about one client request after verifying it. */
export interface GatewayContext {
  viewer: Viewer;
  /** The verified access token, forwarded so each subgraph can verify it again. */
  accessToken?: string;
  /** The client's address as seen on the gateway's socket; forwarded for per-client limits. */
  clientAddress?: string;
}

/** The part of a headers object identity forwarding needs; the gateway's fetcher has its own type. */
export interface HeaderSink {
  set(name: string, value: string): void;
}

/**
 * What identity checks read from a client request: its headers (client identity headers already
 * stripped) and its address (X-Forwarded-For honoured only from TRUSTED_PROXIES). The same for the
 * lean /graphql path and the Express routes.
 */
export interface ClientRequest {
  headers: IncomingHttpHeaders;
  clientAddress: string;
}
