import { startSubgraph } from '@skillgraph/platform/test/support/subgraph-harness';
import { buildMediaSubgraph } from '../src/server';

export { idOf, onlyError, person, type GraphQLError, type GraphQLResponse } from '@skillgraph/platform/test/support/subgraph-harness';

/** The media subgraph over HTTP. It has no writes yet, so nothing reads or publishes on its bus. */
export async function startMediaSubgraph() {
  const h = await startSubgraph(buildMediaSubgraph);
  return { gql: h.gql, queriesDuring: h.queriesDuring, assets: h.subgraph.assets, stop: h.stop };
}

export type MediaHarness = Awaited<ReturnType<typeof startMediaSubgraph>>;
