/**
 * Bounds on what one untrusted file may cost to unpack, each a worker setting
 * (docs/media-processing.md). A file over a bound is refused with a coded, permanent failure
 * before the expensive work starts, or as soon as the work crosses the bound.
 */
export interface ArchiveLimits {
  /** Sum of the inflated sizes of all entries. */
  maxBytes: number;
  /** Inflated ÷ compressed size of one entry (only checked past RATIO_FLOOR_BYTES). */
  maxRatio: number;
  maxEntries: number;
}

export interface MediaLimits {
  maxDurationSeconds: number;
  /** The longer side of a video, in pixels. */
  maxDimension: number;
  /** ffprobe is killed after this long. */
  probeTimeoutMs: number;
}

export interface PdfLimits {
  maxPages: number;
  /** Each poppler tool is killed after this long. */
  timeoutMs: number;
}

export interface UnpackLimits {
  archive: ArchiveLimits;
  /** Width × height of an image sharp may decode. */
  imageMaxPixels: number;
  pdf: PdfLimits;
  media: MediaLimits;
}

const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: UnpackLimits = {
  archive: { maxBytes: 64 * MIB, maxRatio: 100, maxEntries: 10_000 },
  imageMaxPixels: 100_000_000,
  pdf: { maxPages: 2000, timeoutMs: 60_000 },
  media: { maxDurationSeconds: 4 * 3600, maxDimension: 4096, probeTimeoutMs: 30_000 },
};

/** Small entries compress far better than any real document part without harm: no ratio check below this. */
export const RATIO_FLOOR_BYTES = MIB;

export const formatBytes = (bytes: number): string =>
  bytes >= MIB ? `${Math.round((bytes / MIB) * 10) / 10} MiB` : `${Math.round((bytes / 1024) * 10) / 10} KiB`;
