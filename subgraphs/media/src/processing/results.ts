/**
 * What the processors produce. Paths are relative to the output directory the caller gave, with
 * forward slashes, so they map one-to-one onto storage keys under the asset's derived prefix.
 */
export type RenditionRole = 'THUMBNAIL' | 'HLS_MASTER' | 'HLS_VARIANT' | 'POSTER' | 'PREVIEW';

export interface RenditionFile {
  role: RenditionRole;
  /** Relative path inside the output directory, e.g. `thumbnails/480.webp` or `hls/720p/index.m3u8`. */
  path: string;
  contentType: string;
  width?: number;
  height?: number;
  /** For HLS variants: the ladder rung, e.g. `720p` or `audio`. */
  label?: string;
  /** Peak bandwidth announced in the master playlist, bits per second. */
  bandwidth?: number;
  /** Size of the file itself (for HLS: the playlist, not its segments). */
  bytes: number;
}

export interface MediaMetadata {
  width?: number;
  height?: number;
  durationSeconds?: number;
  videoCodec?: string;
  audioCodec?: string;
  pageCount?: number;
}

export interface ProcessingResult {
  metadata: MediaMetadata;
  renditions: RenditionFile[];
  /** Extracted text for search (documents only). */
  text?: string;
}

/** Progress of a long step, 0–100; processors call it with monotonically growing values. */
export type ProgressListener = (percent: number) => void;
