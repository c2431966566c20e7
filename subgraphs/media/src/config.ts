import { z } from 'zod';
import { loadConfig, parseDurationSeconds, type Env } from '@skillgraph/platform';
import type { MediaKind, MediaPurpose } from './data/records';

/**
 * Media rules that operators tune: size limits per kind, default quotas, URL lifetimes per purpose
 * (defaults from reference doc 001), and the part size of resumable uploads. Documented in
 * docs/media.md; every bad value is reported at once.
 */
const MB = 1000 * 1000;
const GiB = 1024 * 1024 * 1024;

const bytes = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number of bytes' })
    .int('must be a whole number of bytes')
    .min(1, 'must be at least 1 byte')
    .max(Number.MAX_SAFE_INTEGER)
    .default(fallback);
// Seconds (`7200`) or a duration (`2h`, as .env.example shows the defaults); an empty value is refused
// rather than read as 0, which would serve paid content unsigned.
const seconds = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return fallback;
      const value = parseDurationSeconds(text);
      if (value === null) {
        ctx.addIssue({ code: 'custom', message: 'must be a number of seconds or a duration such as 90, 15m, 2h or 1d (0: unsigned)' });
        return z.NEVER;
      }
      if (value > 7 * 24 * 3600) {
        ctx.addIssue({ code: 'custom', message: 'must be at most 7 days' });
        return z.NEVER;
      }
      return value;
    });

export const mediaEnvSchema = z.object({
  MEDIA_MAX_IMAGE_BYTES: bytes(20 * MB),
  MEDIA_MAX_DOCUMENT_BYTES: bytes(100 * MB),
  MEDIA_MAX_AUDIO_BYTES: bytes(500 * MB),
  MEDIA_MAX_VIDEO_BYTES: bytes(5 * GiB),
  /** Largest file accepted through GraphQL multipart; bigger files use the direct or multipart paths. */
  MEDIA_MAX_GRAPHQL_UPLOAD_BYTES: bytes(2 * GiB),
  MEDIA_QUOTA_BYTES: bytes(10 * GiB),
  MEDIA_QUOTA_FILES: z.coerce.number({ error: 'must be a file count' }).int().min(1).default(1000),
  /** Resumable uploads are cut into parts of this size (S3 needs at least 5 MiB but the last). */
  MEDIA_PART_SIZE_BYTES: bytes(16 * 1024 * 1024).refine((value) => value >= 5 * 1024 * 1024, 'must be at least 5 MiB (S3 refuses smaller parts)'),
  MEDIA_URL_TTL_COURSE_VIDEO: seconds(4 * 3600),
  MEDIA_URL_TTL_COURSE_DOCUMENT: seconds(2 * 3600),
  MEDIA_URL_TTL_WEBINAR: seconds(8 * 3600),
  MEDIA_URL_TTL_VERIFICATION: seconds(30 * 60),
  /** Public content: 0 means unsigned URLs. */
  MEDIA_URL_TTL_PUBLIC: seconds(0),
  MEDIA_UPLOAD_URL_TTL: seconds(15 * 60).refine((value) => value > 0, 'must be more than 0: upload URLs are always signed'),
  /** How often abandoned uploads are looked for. */
  MEDIA_CLEANUP_INTERVAL_MS: z.coerce
    .number({ error: 'must be milliseconds' })
    .int()
    .min(1000)
    .default(10 * 60 * 1000),
  /** Incomplete multipart uploads older than this are aborted (S3's lifecycle rule does the same after 1 day). */
  MEDIA_INCOMPLETE_UPLOAD_MAX_AGE_MS: z.coerce
    .number({ error: 'must be milliseconds' })
    .int()
    .min(60_000)
    .default(24 * 3600 * 1000),
});

export interface MediaSettings {
  maxBytes: Record<MediaKind, number>;
  maxGraphqlUploadBytes: number;
  quota: { bytes: number; files: number };
  partSizeBytes: number;
  /** Seconds a URL lives, by what it serves; 0 = unsigned. */
  urlTtl: { courseVideo: number; courseDocument: number; webinar: number; verification: number; public: number; upload: number };
  cleanupIntervalMs: number;
  incompleteUploadMaxAgeMs: number;
}

export function loadMediaSettings(source: Env): MediaSettings {
  const env = loadConfig('media', mediaEnvSchema, source);
  return {
    maxBytes: { IMAGE: env.MEDIA_MAX_IMAGE_BYTES, DOCUMENT: env.MEDIA_MAX_DOCUMENT_BYTES, AUDIO: env.MEDIA_MAX_AUDIO_BYTES, VIDEO: env.MEDIA_MAX_VIDEO_BYTES },
    maxGraphqlUploadBytes: env.MEDIA_MAX_GRAPHQL_UPLOAD_BYTES,
    quota: { bytes: env.MEDIA_QUOTA_BYTES, files: env.MEDIA_QUOTA_FILES },
    partSizeBytes: env.MEDIA_PART_SIZE_BYTES,
    urlTtl: {
      courseVideo: env.MEDIA_URL_TTL_COURSE_VIDEO,
      courseDocument: env.MEDIA_URL_TTL_COURSE_DOCUMENT,
      webinar: env.MEDIA_URL_TTL_WEBINAR,
      verification: env.MEDIA_URL_TTL_VERIFICATION,
      public: env.MEDIA_URL_TTL_PUBLIC,
      upload: env.MEDIA_UPLOAD_URL_TTL,
    },
    cleanupIntervalMs: env.MEDIA_CLEANUP_INTERVAL_MS,
    incompleteUploadMaxAgeMs: env.MEDIA_INCOMPLETE_UPLOAD_MAX_AGE_MS,
  };
}

/** The defaults, for the embedded stack and tests. */
export const defaultMediaSettings = (): MediaSettings => loadMediaSettings({});

/** Seconds a URL for an asset of this purpose and kind lives; 0 = unsigned. */
export function urlLifetime(settings: MediaSettings, purpose: MediaPurpose, kind: MediaKind): number {
  switch (purpose) {
    case 'PUBLIC':
    case 'COURSE_COVER':
      return settings.urlTtl.public;
    case 'WEBINAR_RECORDING':
      return settings.urlTtl.webinar;
    case 'VERIFICATION_DOCUMENT':
      return settings.urlTtl.verification;
    case 'COURSE_MATERIAL':
      return kind === 'VIDEO' || kind === 'AUDIO' ? settings.urlTtl.courseVideo : settings.urlTtl.courseDocument;
  }
}

const publicUrlSchema = z.object({
  /** The origin clients reach (the gateway, or a CDN in front of it); embedded file and upload URLs start with it. */
  MEDIA_PUBLIC_URL: z
    .url({ error: 'must be the public origin, e.g. https://api.example.com' })
    .default('http://localhost:4000')
    .transform((url) => url.replace(/\/+$/, '')),
});

export const loadMediaPublicUrl = (source: Env): string => loadConfig('media', publicUrlSchema, source).MEDIA_PUBLIC_URL;
