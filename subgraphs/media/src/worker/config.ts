import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { type Env, env, loadConfig } from '@skillgraph/platform';
import { DEFAULT_LIMITS, DEFAULT_THUMBNAIL_WIDTHS, type UnpackLimits } from '../processing';

/**
 * Media worker settings (docs/media-processing.md lists them with their defaults). The scanner is
 * ClamAV's clamd when CLAMAV_HOST or CLAMAV_SOCKET is set; without one, assets get the explicit
 * verdict NOT_SCANNED, which production accepts only when told VIRUS_SCAN=off.
 */
const count = (fallback: number, min = 1) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(min, `must be at least ${min}`).default(fallback);
const optional = () => z.preprocess((value) => (value === '' ? undefined : value), z.string().min(1).optional());

export const workerEnvSchema = z
  .object({
    NODE_ENV: env.nodeEnv(),
    DATA_DIR: env.directory('./data'),
    CLAMAV_HOST: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(/^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[?[0-9A-Fa-f:.]+\]?)$/, 'must be a host name or an address, e.g. clamav or 127.0.0.1')
        .optional(),
    ),
    CLAMAV_PORT: env.port(3310),
    CLAMAV_SOCKET: optional(),
    CLAMAV_TIMEOUT_MS: count(60_000, 100),
    /** `auto` (default): scan when a scanner is configured; `off`: never scan (said out loud). */
    VIRUS_SCAN: z.enum(['auto', 'off'], { error: 'must be auto or off' }).default('auto'),
    MEDIA_WORKER_CONCURRENCY: count(Math.max(1, Math.min(2, os.cpus().length))),
    MEDIA_WORKER_MAX_ATTEMPTS: count(3),
    MEDIA_WORKER_RETRY_BACKOFF_MS: count(2000, 0),
    MEDIA_WORKER_LEASE_MS: count(30_000, 500),
    MEDIA_WORKER_SWEEP_MS: count(5000, 50),
    MEDIA_WORKER_MAX_RUNS: count(10),
    MEDIA_WORKER_TMP_DIR: optional(),
    MEDIA_THUMBNAIL_WIDTHS: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'must be a comma-separated list of widths in pixels, e.g. 160,480,1280')
      .default(DEFAULT_THUMBNAIL_WIDTHS.join(','))
      .transform((value) => value.split(',').map(Number))
      .refine((widths) => widths.every((width) => width >= 16 && width <= 8192), 'every width must be between 16 and 8192'),
    MEDIA_TOOL_TIMEOUT_MS: count(30 * 60_000, 1000),
    // Unpacking bounds (docs/media-processing.md): a file over one fails with its code, unprocessed.
    MEDIA_ARCHIVE_MAX_BYTES: count(DEFAULT_LIMITS.archive.maxBytes, 1024),
    MEDIA_ARCHIVE_MAX_RATIO: count(DEFAULT_LIMITS.archive.maxRatio, 2),
    MEDIA_ARCHIVE_MAX_ENTRIES: count(DEFAULT_LIMITS.archive.maxEntries),
    MEDIA_IMAGE_MAX_PIXELS: count(DEFAULT_LIMITS.imageMaxPixels, 1024),
    MEDIA_PDF_MAX_PAGES: count(DEFAULT_LIMITS.pdf.maxPages),
    MEDIA_PDF_TIMEOUT_MS: count(DEFAULT_LIMITS.pdf.timeoutMs, 1000),
    MEDIA_MAX_DURATION_SECONDS: count(DEFAULT_LIMITS.media.maxDurationSeconds),
    MEDIA_VIDEO_MAX_DIMENSION: count(DEFAULT_LIMITS.media.maxDimension, 16),
    MEDIA_PROBE_TIMEOUT_MS: count(DEFAULT_LIMITS.media.probeTimeoutMs, 1000),
    /** The standalone worker serves Prometheus `/metrics` on this port; unset: not served. */
    MEDIA_WORKER_METRICS_PORT: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.coerce
        .number({ error: 'must be a port number' })
        .int('must be a whole number')
        .min(1, 'must be between 1 and 65535')
        .max(65535, 'must be between 1 and 65535')
        .optional(),
    ),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && config.VIRUS_SCAN !== 'off' && !config.CLAMAV_HOST && !config.CLAMAV_SOCKET) {
      context.addIssue({
        code: 'custom',
        path: ['CLAMAV_HOST'],
        message: 'is required in production (or CLAMAV_SOCKET); set VIRUS_SCAN=off to run without a virus scanner on purpose',
      });
    }
  });

export type ScannerSettings =
  { kind: 'clamd'; host?: string; port: number; socketPath?: string; timeoutMs: number } | { kind: 'none'; why: 'off' | 'not-configured' };

export interface WorkerConfig {
  scanner: ScannerSettings;
  concurrency: number;
  maxAttempts: number;
  retryBackoffMs: number;
  leaseMs: number;
  sweepIntervalMs: number;
  /** Claims of one asset (crashes included) before it is failed as unprocessable. */
  maxRuns: number;
  workDir: string;
  thumbnailWidths: number[];
  toolTimeoutMs: number;
  /** Bounds on what unpacking one file may cost. */
  limits: UnpackLimits;
  /** Port of the standalone worker's `/metrics`; null: not served (the stack uses the media subgraph's). */
  metricsPort: number | null;
}

export function loadWorkerConfig(source: Env): WorkerConfig {
  const parsed = loadConfig('media-worker', workerEnvSchema, source);
  const scanner: ScannerSettings =
    parsed.VIRUS_SCAN === 'off'
      ? { kind: 'none', why: 'off' }
      : parsed.CLAMAV_HOST || parsed.CLAMAV_SOCKET
        ? {
            kind: 'clamd',
            port: parsed.CLAMAV_PORT,
            timeoutMs: parsed.CLAMAV_TIMEOUT_MS,
            ...(parsed.CLAMAV_SOCKET ? { socketPath: parsed.CLAMAV_SOCKET } : { host: parsed.CLAMAV_HOST }),
          }
        : { kind: 'none', why: 'not-configured' };
  return {
    scanner,
    concurrency: parsed.MEDIA_WORKER_CONCURRENCY,
    maxAttempts: parsed.MEDIA_WORKER_MAX_ATTEMPTS,
    retryBackoffMs: parsed.MEDIA_WORKER_RETRY_BACKOFF_MS,
    leaseMs: parsed.MEDIA_WORKER_LEASE_MS,
    sweepIntervalMs: parsed.MEDIA_WORKER_SWEEP_MS,
    maxRuns: parsed.MEDIA_WORKER_MAX_RUNS,
    workDir: parsed.MEDIA_WORKER_TMP_DIR ?? path.join(parsed.DATA_DIR, 'tmp', 'media-worker'),
    thumbnailWidths: parsed.MEDIA_THUMBNAIL_WIDTHS,
    toolTimeoutMs: parsed.MEDIA_TOOL_TIMEOUT_MS,
    limits: {
      archive: { maxBytes: parsed.MEDIA_ARCHIVE_MAX_BYTES, maxRatio: parsed.MEDIA_ARCHIVE_MAX_RATIO, maxEntries: parsed.MEDIA_ARCHIVE_MAX_ENTRIES },
      imageMaxPixels: parsed.MEDIA_IMAGE_MAX_PIXELS,
      pdf: { maxPages: parsed.MEDIA_PDF_MAX_PAGES, timeoutMs: parsed.MEDIA_PDF_TIMEOUT_MS },
      media: {
        maxDurationSeconds: parsed.MEDIA_MAX_DURATION_SECONDS,
        maxDimension: parsed.MEDIA_VIDEO_MAX_DIMENSION,
        probeTimeoutMs: parsed.MEDIA_PROBE_TIMEOUT_MS,
      },
    },
    metricsPort: parsed.MEDIA_WORKER_METRICS_PORT ?? null,
  };
}
