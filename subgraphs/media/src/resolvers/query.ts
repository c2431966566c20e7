import { parseId } from '@skillgraph/platform';
import type { QueryResolvers } from '../generated/resolvers-types';
import { seeable } from './visibility';

export const Query: QueryResolvers = {
  mediaAsset: async (_parent, { id }, context) => seeable(await context.loaders.assetById.load(parseId(id)), context),
  myMedia: (_parent, { first, after, filter }, { viewer, media }) => media.myMedia(viewer, { first, after }, filter ?? {}),
};
