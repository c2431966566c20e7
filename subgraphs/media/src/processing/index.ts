import { processDocx, processPdf, processPptx, type DocumentOptions } from './document';
import { processImage, type ImageOptions } from './image';
import type { ProcessingResult } from './results';
import { processAudio, processVideo, type VideoOptions } from './video';

export * from './errors';
export * from './results';
export { createClamdScanner, type ClamdAddress, type ScanVerdict, type VirusScanner } from './clamd-scanner';
export { DEFAULT_THUMBNAIL_WIDTHS, processImage } from './image';
export { DEFAULT_LADDER, ladderFor, type LadderRung } from './hls-ladder';
export { hlsAudioArgs, hlsVideoArgs, listOutputFiles, posterArgs, processAudio, processVideo } from './video';
export { probeMedia } from './probe';
export { processDocx, processPdf, processPptx } from './document';

export type ProcessableKind = 'IMAGE' | 'VIDEO' | 'AUDIO' | 'DOCUMENT';

export interface ProcessingOptions {
  image: ImageOptions;
  video?: Omit<VideoOptions, 'onProgress' | 'signal'>;
  document?: DocumentOptions;
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
  switch (kind) {
    case 'IMAGE':
      return processImage(input, outDir, options.image);
    case 'VIDEO':
      return processVideo(input, outDir, { ...options.video, ...live });
    case 'AUDIO':
      return processAudio(input, outDir, { ...options.video, ...live });
    case 'DOCUMENT':
      if (contentType === 'application/pdf') return processPdf(input, outDir, options.document);
      if (contentType === DOCX_TYPE) return processDocx(input, outDir, options.document);
      if (contentType === PPTX_TYPE) return processPptx(input, outDir, options.document);
      return { metadata: {}, renditions: [] };
  }
}
