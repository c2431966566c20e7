import type { FileUpload } from 'graphql-upload-minimal';
import { badUserInput } from '@skillgraph/platform';
import type { MutationResolvers } from '../generated/resolvers-types';

async function fileOf(upload: unknown): Promise<FileUpload> {
  const file = (await upload) as FileUpload | undefined;
  if (!file || typeof file.createReadStream !== 'function') throw badUserInput('file must be sent as a multipart upload.', 'file');
  return file;
}


export const Mutation: MutationResolvers = {
  uploadMedia: async (_parent, { file, input }, { viewer, uploads }) => {
    const upload = await fileOf(file);
    return uploads.uploadStream(viewer, { filename: upload.filename, mimetype: upload.mimetype, stream: upload.createReadStream() }, input);
  },
  createUpload: async (_parent, { input }, { viewer, uploads }) => {
    const { asset, request } = await uploads.createUpload(viewer, { ...input, size: input.size as number });
    return {
      asset,
      uploadUrl: request.url,
      method: request.method,
      headers: Object.entries(request.headers).map(([name, value]) => ({ name, value })),
      expiresAt: request.expiresAt,
    };
  },
  confirmUpload: (_parent, { assetId }, { viewer, uploads }) => uploads.confirmUpload(viewer, assetId),
  createMultipartUpload: (_parent, { input }, { viewer, uploads }) => uploads.createMultipartUpload(viewer, { ...input, size: input.size as number }),
  uploadPartUrls: (_parent, { assetId, partNumbers }, { viewer, uploads }) => uploads.uploadPartUrls(viewer, assetId, partNumbers),
  completeMultipartUpload: (_parent, { assetId, parts }, { viewer, uploads }) => uploads.completeMultipartUpload(viewer, assetId, parts),
  abortUpload: (_parent, { assetId }, { viewer, uploads }) => uploads.abortUpload(viewer, assetId),
  deleteMedia: (_parent, { id }, { viewer, media }) => media.deleteMedia(viewer, id),
  attachLessonMedia: (_parent, { lessonId, assetId }, { viewer, media }) => media.attachLessonMedia(viewer, lessonId, assetId),
  setCourseCover: (_parent, { courseId, assetId }, { viewer, media }) => media.setCourseCover(viewer, courseId, assetId),
  setMediaQuota: (_parent, { userId, quotaBytes, quotaFiles }, { viewer, media }) =>
    media.setQuota(viewer, userId, { bytes: quotaBytes as number | null | undefined, files: quotaFiles }),
  reprocessMedia: (_parent, { id }, { viewer, reprocess }) => reprocess.reprocessMedia(viewer, id),
};
