import { isId } from '@skillgraph/platform';
import type { MediaAssetResolvers } from '../generated/resolvers-types';
import { failureReasonFor, isServable } from '../services/media-access';
import { seeable } from './visibility';

export const MediaAsset: MediaAssetResolvers = {
  __resolveReference: async ({ id }, context) => (isId(id) ? seeable(await context.loaders.assetById.load(id), context) : null),
  id: (asset) => asset._id,
  owner: (asset) => ({ id: asset.ownerId }),
  purpose: (asset) => asset.purpose ?? 'COURSE_MATERIAL',
  scanVerdict: (asset) => asset.scan?.verdict ?? null,
  progress: (asset) => (asset.status === 'PROCESSING' ? (asset.progress ?? 0) : null),
  failureReason: (asset, _args, { viewer }) => failureReasonFor(viewer, asset),
  renditions: (asset) => {
    const r = asset.renditions;
    if (!r) return null;
    return {
      thumbnails: [...(r.thumbnails ?? [])].sort((a, b) => a.width - b.width).map((t) => ({ width: t.width, height: t.height ?? null })),
      hls: Boolean(r.hls),
      pageCount: r.pageCount ?? null,
      durationSeconds: r.durationSeconds ?? null,
      width: r.width ?? null,
      height: r.height ?? null,
    };
  },
  // The parent was already checked for this viewer (root field, reference or list); URLs also need a servable file.
  url: (asset, { purpose }, { urls }) =>
    isServable(asset) && asset.blobKey ? urls.urlFor(asset, { kind: 'original', disposition: purpose === 'DOWNLOAD' ? 'attachment' : 'inline' }) : null,
  thumbnailUrl: (asset, { size }, { urls }) => {
    const thumbnails = [...(asset.renditions?.thumbnails ?? [])].sort((a, b) => a.width - b.width);
    if (!isServable(asset) || thumbnails.length === 0) return null;
    const chosen = thumbnails.find((t) => t.width >= size) ?? thumbnails.at(-1)!;
    return urls.urlFor(asset, { kind: 'derived', key: chosen.key });
  },
  playbackUrl: (asset, _args, { urls }) => {
    const hls = asset.renditions?.hls;
    if (!isServable(asset) || !hls) return null;
    return urls.urlFor(asset, { kind: 'folder', folder: hls.folder, entryKey: hls.masterKey });
  },
  // Like the URLs: the parent was checked for this viewer, so whoever may see the asset may read its text.
  text: (asset, _args, { media }) => media.textOf(asset),
};
