import { processDocx, processPdf, processPptx, type DocumentOptions } from './document';
import { processImage, type ImageOptions } from './image';
import { DEFAULT_LIMITS, type UnpackLimits } from './limits';
import type { ProcessingResult } from './results';
import { processAudio, processVideo, type VideoOptions } from './video';

export * from './errors';
export * from './results';
export { createClamdScanner, type ClamdAddress, type ScanVerdict, type VirusScanner } from './clamd-scanner';
export { DEFAULT_THUMBNAIL_WIDTHS, processImage } from './image';
export { DEFAULT_LADDER, ladderFor, type LadderRung } from './hls-ladder';
export { hlsAudioArgs, hlsVideoArgs, listOutputFiles, posterArgs, processAudio, processVideo } from './video';
export { probeMedia } from './probe';
export { DEFAULT_LIMITS, type UnpackLimits } from './limits';
export { inspectZip } from './zip-inspector';
export { processDocx, processPdf, processPptx } from './document';

export type ProcessableKind = 'IMAGE' | 'VIDEO' | 'AUDIO' | 'DOCUMENT';

export interface ProcessingOptions {
  image: ImageOptions;
  video?: Omit<VideoOptions, 'onProgress' | 'signal'>;
  document?: DocumentOptions;
  /** Bounds on unpacking untrusted input; DEFAULT_LIMITS when not given. */
  limits?: UnpackLimits;
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/**
 * Picks the processor for an asset from its kind and verified content type. A document type with
 * no extractor (plain text, for instance) has nothing to derive and yields an empty result.
 */
export async function processFile(
  kind: ProcessableKind,
  contentType: string,
  input: string,
  outDir: string,
  options: ProcessingOptions,
  live: Pick<VideoOptions, 'onProgress' | 'signal'> = {},
): Promise<ProcessingResult> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const media = { ...options.video, limits: limits.media, ...live };
  const document = { ...options.document, archive: limits.archive, pdf: limits.pdf, imageMaxPixels: limits.imageMaxPixels };
  switch (kind) {
    case 'IMAGE':
      return processImage(input, outDir, { ...options.image, maxPixels: limits.imageMaxPixels });
    case 'VIDEO':
      return processVideo(input, outDir, media);
    case 'AUDIO':
      return processAudio(input, outDir, media);
    case 'DOCUMENT':
      if (contentType === 'application/pdf') return processPdf(input, outDir, document);
      if (contentType === DOCX_TYPE) return processDocx(input, outDir, document);
      if (contentType === PPTX_TYPE) return processPptx(input, outDir, document);
      return { metadata: {}, renditions: [] };
  }
}
