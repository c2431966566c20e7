import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { limitExceeded, permanentFailure } from './errors';
import { DEFAULT_LIMITS } from './limits';
import type { ProcessingResult, RenditionFile } from './results';

export interface ImageOptions {
  /** Thumbnail widths in pixels; widths above the source's are skipped (never upscaled). */
  widths: readonly number[];
  /** WebP/JPEG quality 1–100. */
  quality?: number;
  /** Width × height sharp may decode; a larger image is refused (IMAGE_TOO_LARGE). */
  maxPixels?: number;
}

export const DEFAULT_THUMBNAIL_WIDTHS = [160, 480, 1280] as const;

/** Formats kept as the "original format" rendition; anything else (GIF, TIFF, HEIF...) gets PNG. */
const KEPT_FORMATS = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
type KeptFormat = keyof typeof KEPT_FORMATS;
const EXTENSION: Record<KeptFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

/**
 * Thumbnails at each configured width in WebP and in the source's own format. EXIF orientation is
 * applied to the pixels, and no metadata (EXIF, GPS, XMP, ICC beyond sRGB) is copied: sharp writes
 * none unless asked to, and we never ask.
 */
export async function processImage(input: string, outDir: string, options: ImageOptions): Promise<ProcessingResult> {
  const maxPixels = options.maxPixels ?? DEFAULT_LIMITS.imageMaxPixels;
  // limitInputPixels as well as the check below: sharp enforces it on every decode, whatever the header said.
  const open = () => sharp(input, { failOn: 'error', limitInputPixels: maxPixels });
  const source = open().autoOrient();
  let meta: Metadata;
  try {
    // The header only, no pixel decoded: the declared dimensions are checked here, with their own code.
    meta = await sharp(input, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch (error) {
    throw permanentFailure('The image could not be read.', (error as Error).message);
  }
  // Only the first frame of an animation is decoded (sharp's default), so frames do not multiply.
  if ((meta.width ?? 0) * (meta.height ?? 0) > maxPixels) throw tooLarge(maxPixels, `${meta.width}×${meta.height}`);
  // Orientations 5–8 swap width and height once applied.
  const swapped = (meta.orientation ?? 1) >= 5;
  const width = (swapped ? meta.height : meta.width) ?? 0;
  const height = (swapped ? meta.width : meta.height) ?? 0;
  if (!width || !height) throw permanentFailure('The image has no dimensions.');

  const targets = thumbnailWidths(width, options.widths);
  const ownFormat: KeptFormat = meta.format && meta.format in KEPT_FORMATS ? (meta.format as KeptFormat) : 'png';
  const quality = options.quality ?? 82;
  await mkdir(join(outDir, 'thumbnails'), { recursive: true });

  const renditions: RenditionFile[] = [];
  for (const target of targets) {
    const resized = source.clone().resize({ width: target, withoutEnlargement: true });
    for (const format of new Set<KeptFormat>(['webp', ownFormat])) {
      const path = `thumbnails/${target}.${EXTENSION[format]}`;
      let info: OutputInfo;
      try {
        // PNG stays lossless: sharp's PNG `quality` would quantise it to a palette.
        const encoded = format === 'png' ? resized.clone().png() : resized.clone().toFormat(format, { quality });
        info = await encoded.toFile(join(outDir, path));
      } catch (error) {
        if (/pixel limit/i.test((error as Error).message)) throw tooLarge(maxPixels, (error as Error).message);
        throw permanentFailure('The image could not be resized.', (error as Error).message);
      }
      renditions.push({
        role: 'THUMBNAIL',
        path,
        contentType: KEPT_FORMATS[format],
        width: info.width,
        height: info.height,
        bytes: (await stat(join(outDir, path))).size,
      });
    }
  }
  return { metadata: { width, height }, renditions };
}

const tooLarge = (maxPixels: number, detail: string) =>
  limitExceeded('IMAGE_TOO_LARGE', `The image has more than ${Math.round(maxPixels / 1e6)} megapixels.`, detail);

/** The configured widths not above the source; a source smaller than all of them gets one at its own width. */
export function thumbnailWidths(sourceWidth: number, widths: readonly number[]): number[] {
  const fitting = [...new Set(widths)].filter((width) => width <= sourceWidth).sort((a, b) => a - b);
  return fitting.length > 0 ? fitting : [sourceWidth];
}
