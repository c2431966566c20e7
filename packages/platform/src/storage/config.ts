import { createPrivateKey } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { type Env, env, loadConfig } from '../config';
import { ConfigError } from '../errors';

/**
 * Object-storage and URL-signing settings. The mode follows from configuration alone: S3_BUCKET
 * set → S3 (and CLOUDFRONT_* for signed CDN URLs), unset → files under `<DATA_DIR>/media` served
 * behind HMAC-signed URLs. Every bad value is reported at once.
 */
const readablePrivateKey = (pem: string): boolean => {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
};
const optionalText = () => z.preprocess((value) => (value === '' ? undefined : value), z.string().min(1).optional());

export const storageEnvSchema = z
  .object({
    NODE_ENV: env.nodeEnv(),
    DATA_DIR: env.directory('./data'),
    S3_BUCKET: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
        .optional(),
    ),
    S3_REGION: z.string().min(1, 'must not be empty').default('us-east-1'),
    /** MinIO or another S3-compatible endpoint; path-style addressing follows. */
    S3_ENDPOINT: z.preprocess((value) => (value === '' ? undefined : value), env.url().optional()),
    S3_FORCE_PATH_STYLE: env.boolean(false),
    CLOUDFRONT_DOMAIN: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, 'must be a host name such as d111111abcdef8.cloudfront.net')
        .optional(),
    ),
    CLOUDFRONT_KEY_PAIR_ID: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(/^[A-Z0-9]{8,}$/, 'must be a CloudFront public key id such as K2JCJMDEHXQW5F')
        .optional(),
    ),
    /** PEM; `\n` escapes are accepted so the key fits one environment line. */
    CLOUDFRONT_PRIVATE_KEY: optionalText().refine(
      (pem) => pem === undefined || readablePrivateKey(pem.replace(/\\n/g, '\n')),
      'must be a PEM private key (-----BEGIN PRIVATE KEY-----...)',
    ),
    /** Embedded URL signing secret, base64 of at least 32 bytes; generated under DATA_DIR when unset. */
    MEDIA_URL_SECRET: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .refine((value) => Buffer.from(value, 'base64').length >= 32, 'must be base64 of at least 32 random bytes (openssl rand -base64 32)')
        .optional(),
    ),
  })
  .superRefine((config, context) => {
    const cloudfront = [config.CLOUDFRONT_DOMAIN, config.CLOUDFRONT_KEY_PAIR_ID, config.CLOUDFRONT_PRIVATE_KEY];
    if (cloudfront.some(Boolean) && !cloudfront.every(Boolean)) {
      context.addIssue({
        code: 'custom',
        path: ['CLOUDFRONT_DOMAIN'],
        message: 'CLOUDFRONT_DOMAIN, CLOUDFRONT_KEY_PAIR_ID and CLOUDFRONT_PRIVATE_KEY go together: set all three or none',
      });
    }
    if (config.CLOUDFRONT_DOMAIN && !config.S3_BUCKET) {
      context.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when CLOUDFRONT_DOMAIN is set (CloudFront serves the bucket)' });
    }
    if (config.NODE_ENV === 'production' && !config.S3_BUCKET && !config.MEDIA_URL_SECRET) {
      context.addIssue({
        code: 'custom',
        path: ['MEDIA_URL_SECRET'],
        message: 'is required in production with embedded storage (every instance must verify the same signatures)',
      });
    }
  });

export interface StorageConfig {
  /** Embedded files live here (`<DATA_DIR>/media`). */
  directory: string;
  s3?: { bucket: string; region: string; endpoint?: string; forcePathStyle: boolean };
  cloudfront?: { domain: string; keyPairId: string; privateKey: string };
  /** Null: generate one (and keep it under `directory`). */
  urlSecret: Buffer | null;
}

export function loadStorageConfig(source: Env, service = 'media'): StorageConfig {
  const parsed = loadConfig(service, storageEnvSchema, source);
  return {
    directory: path.join(parsed.DATA_DIR, 'media'),
    ...(parsed.S3_BUCKET
      ? {
          s3: {
            bucket: parsed.S3_BUCKET,
            region: parsed.S3_REGION,
            ...(parsed.S3_ENDPOINT ? { endpoint: parsed.S3_ENDPOINT } : {}),
            forcePathStyle: parsed.S3_FORCE_PATH_STYLE || parsed.S3_ENDPOINT !== undefined,
          },
        }
      : {}),
    ...(parsed.CLOUDFRONT_DOMAIN && parsed.CLOUDFRONT_KEY_PAIR_ID && parsed.CLOUDFRONT_PRIVATE_KEY
      ? {
          cloudfront: {
            domain: parsed.CLOUDFRONT_DOMAIN,
            keyPairId: parsed.CLOUDFRONT_KEY_PAIR_ID,
            privateKey: parsed.CLOUDFRONT_PRIVATE_KEY.replace(/\\n/g, '\n'),
          },
        }
      : {}),
    urlSecret: parsed.MEDIA_URL_SECRET ? Buffer.from(parsed.MEDIA_URL_SECRET, 'base64') : null,
  };
}

const bucketSetupSchema = z.object({
  NODE_ENV: env.nodeEnv(),
  /** Origins browsers upload from and play from, comma-separated; `*` only outside production. */
  MEDIA_CORS_ORIGINS: z
    .string()
    .min(1, 'must list at least one origin, e.g. https://app.example.com')
    .default('*')
    .superRefine((value, ctx) => {
      for (const origin of value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)) {
        if (origin === '*' || (URL.canParse(origin) && new URL(origin).origin === origin)) continue;
        ctx.addIssue({ code: 'custom', message: `"${origin}" is not * or an origin such as https://app.example.com (scheme, host and port only)` });
      }
    }),
});

/** `npm run media:setup`'s extra setting: which web origins may PUT parts and read ETags. */
export function loadBucketCorsOrigins(source: Env): string[] {
  const parsed = loadConfig('media-setup', bucketSetupSchema, source);
  const origins = parsed.MEDIA_CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (parsed.NODE_ENV === 'production' && origins.includes('*')) {
    throw new ConfigError('media-setup', ['MEDIA_CORS_ORIGINS: must name the web origins explicitly in production, not *']);
  }
  return origins;
}
