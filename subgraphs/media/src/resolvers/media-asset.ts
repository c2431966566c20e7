import { isId } from '@skillgraph/platform';
import type { MediaAssetResolvers } from '../generated/resolvers-types';

export const MediaAsset: MediaAssetResolvers = {
  __resolveReference: ({ id }, { loaders }) => (isId(id) ? loaders.assetById.load(id) : null),
  id: (asset) => asset._id,
  owner: (asset) => ({ id: asset.ownerId }),
};
