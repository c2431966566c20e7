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
