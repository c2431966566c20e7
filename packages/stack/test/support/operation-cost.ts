import { isDeepStrictEqual } from 'node:util';
import { pendingOutboxFilter, type QueryEvent } from '@skillgraph/platform';
import type { Stack } from '../../src';
import { operationRecorder } from './operation-counter';

/**
 * The outbox relays poll their collections on a timer, whatever the request does: a poll landing
 * in the counting window is not a query this request caused.
 */
export const causedByRequest = (event: QueryEvent): boolean => !isDeepStrictEqual(event.filter, pendingOutboxFilter);

export const COUNTED_SUBGRAPHS = ['users', 'courses', 'assessments', 'media'] as const;
export type CountedSubgraph = (typeof COUNTED_SUBGRAPHS)[number];

/** What one operation cost: operations each subgraph received, and queries each store ran. */
export interface OperationCost {
  fetches: Record<CountedSubgraph, number>;
  storeQueries: Record<CountedSubgraph, number>;
}

/**
 * Operation recorders to pass as `subgraphPlugins`, and `measure`, which runs one request and
 * returns what it cost. Requests must be measured one at a time.
 */
export function operationCostMeter() {
  const recorders = Object.fromEntries(COUNTED_SUBGRAPHS.map((name) => [name, operationRecorder()])) as Record<
    CountedSubgraph,
    ReturnType<typeof operationRecorder>
  >;
  const subgraphPlugins = Object.fromEntries(COUNTED_SUBGRAPHS.map((name) => [name, [recorders[name].plugin]]));

  async function measure<T>(stack: Stack, run: () => Promise<T>): Promise<{ result: T; cost: OperationCost }> {
    const storeQueries = Object.fromEntries(COUNTED_SUBGRAPHS.map((name) => [name, 0])) as Record<CountedSubgraph, number>;
    const unsubscribe = COUNTED_SUBGRAPHS.map((name) =>
      stack.stores[name].onQuery((event) => {
        if (causedByRequest(event)) storeQueries[name] += 1;
      }),
    );
    for (const name of COUNTED_SUBGRAPHS) recorders[name].operations.length = 0;
    try {
      const result = await run();
      const fetches = Object.fromEntries(COUNTED_SUBGRAPHS.map((name) => [name, recorders[name].operations.length])) as Record<CountedSubgraph, number>;
      return { result, cost: { fetches, storeQueries: { ...storeQueries } } };
    } finally {
      unsubscribe.forEach((stop) => stop());
    }
  }

  return { subgraphPlugins, measure };
}
