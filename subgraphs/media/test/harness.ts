import { startSubgraph } from '@skillgraph/platform/test/support/subgraph-harness';
import { buildMediaSubgraph } from '../src/server';

export { idOf, onlyError, person, type GraphQLError, type GraphQLResponse } from '@skillgraph/platform/test/support/subgraph-harness';

/** The media subgraph over HTTP, with embedded storage in a temporary folder it removes on stop. */
export async function startMediaSubgraph() {
  const h = await startSubgraph((runtime) => buildMediaSubgraph(runtime));
  return { gql: h.gql, queriesDuring: h.queriesDuring, assets: h.subgraph.assets, subgraph: h.subgraph, stop: h.stop };
}

export type MediaHarness = Awaited<ReturnType<typeof startMediaSubgraph>>;
