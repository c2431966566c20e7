import path from 'node:path';
import { createSubgraphServer, readTypeDefs, type SubgraphRuntime } from '@skillgraph/platform';
import type { Context } from './context';
import { createMediaLoaders } from './data/loaders';
import { openMediaAssetRepository } from './data/media-asset-repository';
import type { Resolvers } from './generated/resolvers-types';
import { resolvers } from './resolvers';

export const MEDIA_SUBGRAPH = 'media';

/** Builds the media subgraph over the runtime's store; nothing listens until `listen`. */
export async function buildMediaSubgraph(runtime: SubgraphRuntime) {
  const mediaAssets = await openMediaAssetRepository(runtime.store);
  const server = createSubgraphServer<Context, Resolvers>({
    name: MEDIA_SUBGRAPH,
    typeDefs: readTypeDefs(path.join(__dirname, 'schema.graphql')),
    resolvers,
    context: async (req) => ({ viewer: await runtime.viewerFrom(req), loaders: createMediaLoaders(mediaAssets) }),
    logger: runtime.logger,
    guards: runtime.guards,
    plugins: runtime.plugins,
    maskInternalErrors: runtime.maskInternalErrors,
    ready: () => runtime.store.ping(),
  });
  return { ...server, assets: mediaAssets };
}
