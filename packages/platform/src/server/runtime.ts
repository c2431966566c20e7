import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { parse, type DocumentNode } from 'graphql';
import type { DocumentStore } from '../documents/port';
import type { Logger } from '../logger';
import type { Viewer } from '../auth/viewer';
import type { RequestGuard } from '../auth/gateway-trust';
import type { EventBus } from '../events/bus';
import type { RelaySettings } from '../events/config';

/**
 * What every subgraph is built from. The embedded stack and a standalone subgraph process fill it
 * differently (in-memory or file or MongoDB store, generated or configured secrets); the subgraph
 * code never knows which.
 */
export interface SubgraphRuntime {
  store: DocumentStore;
  logger: Logger;
  /** Who is asking, from the identity the gateway forwarded with the request. */
  viewerFrom(req: IncomingMessage): Promise<Viewer>;
  /** Checks run before GraphQL, e.g. refusing requests that did not come through the gateway. */
  guards: RequestGuard[];
  /** Extra Apollo plugins; tests use one to count operations. */
  plugins?: ApolloServerPlugin<BaseContext>[];
  /** Hide internal errors' messages from clients (default true). */
  maskInternalErrors?: boolean;
  /** Where the subgraph's outbox relay publishes and its consumers subscribe. */
  events: SubgraphEvents;
}

export interface SubgraphEvents {
  bus: EventBus;
  relay: RelaySettings;
  /** Consumer attempts before a message is dead-lettered. */
  consumerMaxAttempts?: number;
}

/**
 * Work a subgraph runs beside its HTTP server (the outbox relay, event consumers): started once
 * the server listens, stopped after it has drained its requests.
 */
export interface BackgroundTask {
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void>;
}

/** Reads a subgraph's schema.graphql, which sits next to its server.ts. */
export function readTypeDefs(schemaPath: string): DocumentNode {
  return parse(fs.readFileSync(schemaPath, 'utf8'));
}
