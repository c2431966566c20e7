import { z } from 'zod';
import { env, loadConfig, processEnv, type Env } from '../config';

/**
 * Mail settings (docs/notifications.md lists them with their defaults):
 * - SMTP_URL: set → deliver over SMTP; unset → write `.eml` files under `<DATA_DIR>/mail`;
 * - MAIL_FROM: the sender every message carries;
 * - MAIL_TOKEN_KEY: 32 bytes, base64; seals account tokens (password reset, verification) inside
 *   events, shared by the users and notifications services. Required in production; otherwise
 *   generated and kept under `<DATA_DIR>/secrets` (or in memory for throwaway stores);
 * - APP_URL: where the links in messages point (the web app);
 * - MAIL_RATE_LIMIT per MAIL_RATE_WINDOW_MS: the global sending rate (default 100 per minute);
 * - MAIL_MAX_ATTEMPTS, MAIL_RETRY_BACKOFF_MS, MAIL_MAX_BACKOFF_MS: retries of transient failures;
 * - MAIL_POLL_MS: how often the outbox of queued messages is checked when nothing nudges it;
 * - MAIL_RATE_REDIS_URL: count the rate in Redis, so several notifications replicas share it.
 */
const integer = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`)
    .default(fallback);

const tokenKey = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text.trim() === '') return undefined;
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'must be 32 bytes in base64 (generate one with `openssl rand -base64 32`)' });
      return z.NEVER;
    }
    return key;
  });

const mailEnvSchema = z.object({
  NODE_ENV: env.nodeEnv(),
  DATA_DIR: env.directory('./data'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, 'must be a URL such as smtp://user:password@mail.example.com:587')
    .optional(),
  MAIL_FROM: z.string().min(3, 'must be an address such as "SkillGraph <no-reply@example.com>"').default('SkillGraph <no-reply@skillgraph.dev>'),
  MAIL_TOKEN_KEY: tokenKey,
  APP_URL: env.url().default('http://localhost:3000'),
  MAIL_RATE_LIMIT: integer(100, 1, 1_000_000),
  MAIL_RATE_WINDOW_MS: integer(60_000, 100, 86_400_000),
  MAIL_MAX_ATTEMPTS: integer(8, 1, 50),
  MAIL_RETRY_BACKOFF_MS: integer(30_000, 10, 86_400_000),
  MAIL_MAX_BACKOFF_MS: integer(3_600_000, 10, 86_400_000),
  MAIL_POLL_MS: integer(1_000, 10, 600_000),
  MAIL_RATE_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'must be a URL such as redis://redis:6379')
    .optional(),
});

export interface MailDeliverySettings {
  /** Messages allowed per window, all recipients together. */
  rateLimit: number;
  rateWindowMs: number;
  maxAttempts: number;
  retryBackoffMs: number;
  maxBackoffMs: number;
  pollMs: number;
  /** Unset: each process counts its own rate. */
  rateRedisUrl?: string;
}

export interface MailConfig {
  nodeEnv: 'development' | 'production' | 'test';
  dataDir: string;
  /** Unset: the `.eml` file adapter. */
  smtpUrl?: string;
  from: string;
  /** Unset outside production: generated (see `openMailTokenKey`). */
  tokenKey?: Buffer;
  appUrl: string;
  delivery: MailDeliverySettings;
}

export const DEFAULT_MAIL_DELIVERY: MailDeliverySettings = {
  rateLimit: 100,
  rateWindowMs: 60_000,
  maxAttempts: 8,
  retryBackoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  pollMs: 1_000,
};

export interface LoadMailConfigOptions {
  /**
   * True (default) for the separate users and notifications processes: in production they must be
   * given the same MAIL_TOKEN_KEY. The one-process stack shares a generated key with itself.
   */
  keyShared?: boolean;
}

export function loadMailConfig(source: Env = processEnv(), service = 'notifications', { keyShared = true }: LoadMailConfigOptions = {}): MailConfig {
  const raw = loadConfig(service, mailEnvSchema, source);
  if (keyShared && raw.NODE_ENV === 'production' && !raw.MAIL_TOKEN_KEY) {
    loadConfig(
      service,
      z.object({ MAIL_TOKEN_KEY: z.string({ error: 'is required when NODE_ENV=production (users and notifications must share it)' }) }),
      source,
    );
  }
  return {
    nodeEnv: raw.NODE_ENV,
    dataDir: raw.DATA_DIR,
    ...(raw.SMTP_URL ? { smtpUrl: raw.SMTP_URL } : {}),
    from: raw.MAIL_FROM,
    ...(raw.MAIL_TOKEN_KEY ? { tokenKey: raw.MAIL_TOKEN_KEY } : {}),
    appUrl: raw.APP_URL.replace(/\/+$/, ''),
    delivery: {
      rateLimit: raw.MAIL_RATE_LIMIT,
      rateWindowMs: raw.MAIL_RATE_WINDOW_MS,
      maxAttempts: raw.MAIL_MAX_ATTEMPTS,
      retryBackoffMs: raw.MAIL_RETRY_BACKOFF_MS,
      maxBackoffMs: raw.MAIL_MAX_BACKOFF_MS,
      pollMs: raw.MAIL_POLL_MS,
      ...(raw.MAIL_RATE_REDIS_URL ? { rateRedisUrl: raw.MAIL_RATE_REDIS_URL } : {}),
    },
  };
}
