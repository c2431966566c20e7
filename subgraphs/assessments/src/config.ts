import { z } from 'zod';
import { loadConfig, processEnv, type Env } from '@skillgraph/platform';

/**
 * Settings of the assessments subgraph (docs/learning.md): how certificate PDF links are signed
 * and where clients reach them. Every bad value is reported at once.
 */
export const assessmentsEnvSchema = z.object({
  /** Shared by every replica, so a link signed by one is honoured by all; at least 32 characters. */
  CERTIFICATE_URL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The origin clients fetch certificate PDFs from; default: the origin this subgraph listens on. */
  CERTIFICATE_PUBLIC_URL: z.string().url('must be an absolute URL').optional(),
  /** Seconds a certificate PDF link stays valid (reference doc 001: paid PDFs 2 h). */
  /** Where the web client runs, for the verification links certificates carry; default: CERTIFICATE_PUBLIC_URL's origin. */
  APP_URL: z.string().url('must be an absolute URL').optional(),
  CERTIFICATE_URL_TTL: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be whole seconds')
    .min(60, 'must be at least 60 seconds')
    .max(7 * 24 * 3600, 'must be at most 7 days')
    .default(2 * 3600),
});

export interface CertificateSettings {
  /** Null: a random secret per process (fine for one process; replicas need a shared one). */
  urlSecret: Buffer | null;
  publicBaseUrl: string | null;
  urlTtlSeconds: number;
  /** Null: the origin PDF links point at (the gateway, which serves the web client too). */
  appUrl: string | null;
}

export function loadCertificateSettings(source: Env = processEnv()): CertificateSettings {
  const env = loadConfig('assessments', assessmentsEnvSchema, source);
  return {
    urlSecret: env.CERTIFICATE_URL_SECRET ? Buffer.from(env.CERTIFICATE_URL_SECRET, 'utf8') : null,
    publicBaseUrl: env.CERTIFICATE_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    urlTtlSeconds: env.CERTIFICATE_URL_TTL,
    appUrl: env.APP_URL?.replace(/\/+$/, '') ?? null,
  };
}

export const defaultCertificateSettings = (): CertificateSettings => loadCertificateSettings({});
