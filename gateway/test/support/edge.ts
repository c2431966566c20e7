import { createAccessTokenVerifier, createLogger, loadAuthConfig, localKeySource, type Logger, type RunningServer } from '@skillgraph/platform';
import type { Stack } from '@skillgraph/stack';
import { loadEdgeSettings, type EdgeSettings } from '../../src/config';
import { createGatewayIdentity, createGatewayServer } from '../../src/server';
import { REPO_ROOT } from './system';
import path from 'node:path';

/** The documented defaults, with `overrides` applied on top (each test states what it changes). */
export function edgeSettings(overrides: Partial<EdgeSettings> = {}): EdgeSettings {
  return { ...loadEdgeSettings({}), ...overrides };
}

export interface EdgeGatewayOptions {
  edge: EdgeSettings;
  /** Subgraph URLs to use instead of the stack's (a stopped or silent media subgraph). */
  subgraphUrls?: Partial<Record<string, string>>;
  subgraphTimeoutMs?: number;
  logger?: Logger;
  /** Another supergraph file than the repository's (one ahead of its subgraphs). */
  supergraphPath?: string;
}

/**
 * A second gateway over a running stack's subgraphs, built with the edge settings under test and
 * the stack's own identity (secret and keys), so it behaves exactly like the stack's gateway.
 */
export async function startEdgeGateway(stack: Stack, options: EdgeGatewayOptions) {
  const auth = loadAuthConfig({}, 'test');
  const logger = options.logger ?? createLogger({ service: 'test-gateway', level: 'silent' });
  const verifier = createAccessTokenVerifier({
    keys: localKeySource(stack.keyRing),
    issuer: auth.issuer,
    audience: auth.audience,
    clockToleranceSeconds: auth.clockToleranceSeconds,
  });
  const gateway = createGatewayServer({
    supergraphPath: options.supergraphPath ?? path.join(REPO_ROOT, 'schema', 'supergraph.graphql'),
    subgraphUrls: { ...stack.subgraphUrls, ...options.subgraphUrls } as Record<string, string>,
    logger,
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? 10_000,
    edge: options.edge,
    ...createGatewayIdentity({ verifier, gatewaySecret: stack.gatewaySecret, logger }),
  });
  const running: RunningServer = await gateway.listen(0);
  return { ...running, gateway, origin: running.url.replace(/\/graphql$/, '') };
}

/** Polls `check` until it returns true, failing after `timeoutMs` (no fixed sleeps in tests). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
