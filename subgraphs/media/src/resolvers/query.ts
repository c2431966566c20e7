import { parseId } from '@skillgraph/platform';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  mediaAsset: (_parent, { id }, { loaders }) => loaders.assetById.load(parseId(id)),
};
