import path from 'node:path';
import { createLogger } from '@skillgraph/platform';
import { startStack, type StackOptions } from '../../src';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const COMMITTED_SUPERGRAPH = path.join(REPO_ROOT, 'schema', 'supergraph.graphql');

/**
 * The whole system in memory on free ports, quiet unless TEST_LOG_LEVEL asks otherwise. No media
 * worker unless asked (`mediaWorker: config`): suites that move assets along themselves must not
 * race one.
 */
export function startTestStack(overrides: Partial<StackOptions> = {}) {
  return startStack({
    storage: { kind: 'memory' },
    logger: createLogger({ service: 'test', level: 'silent' }),
    supergraphPath: COMMITTED_SUPERGRAPH,
    mediaWorker: false,
    ...overrides,
  });
}
