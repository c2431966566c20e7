import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { env, loadConfig, processEnv, type Env } from '../config';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** Reads `900`, `900s`, `15m`, `1h` or `30d` as seconds; null when it is none of these. */
export function parseDurationSeconds(text: string): number | null {
  const match = /^\s*(\d+)\s*([smhd]?)\s*$/.exec(text);
  if (!match) return null;
  const unit = (match[2] || 's') as keyof typeof UNIT_SECONDS;
  return Number(match[1]) * UNIT_SECONDS[unit];
}

const duration = (fallback: string, minSeconds: number, maxSeconds: number, range: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const seconds = parseDurationSeconds(text);
      if (seconds === null) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration such as 900, 15m, 1h or 30d' });
        return z.NEVER;
      }
      if (seconds < minSeconds || seconds > maxSeconds) {
        ctx.addIssue({ code: 'custom', message: `must be between ${range}` });
        return z.NEVER;
      }
      return seconds;
    });

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g;

/**
 * Splits a list of PEM private keys. Environment files often carry newlines as a literal `\n`,
 * so those are expanded first.
 */
export function splitPemList(text: string): string[] {
  return [...text.replace(/\\n/g, '\n').matchAll(PEM_BLOCK)].map((match) => match[0]);
}

/** Why a PEM cannot sign RS256 tokens, or null when it can. */
export function rsaPrivateKeyProblem(pem: string): string | null {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') return 'is not an RSA key (RS256 needs RSA)';
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) return `is ${bits}-bit; RS256 keys need at least 2048 bits`;
    return null;
  } catch {
    return 'is not a readable PEM private key';
  }
}

const privateKeyList = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text.trim() === '') return [];
    const pems = splitPemList(text);
    if (pems.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must hold one or more PEM private keys (-----BEGIN PRIVATE KEY-----...)' });
      return z.NEVER;
    }
    pems.forEach((pem, index) => {
      const problem = rsaPrivateKeyProblem(pem);
      if (problem) ctx.addIssue({ code: 'custom', message: `key ${index + 1} ${problem}` });
    });
    return pems;
  });

/**
 * The identity settings every service reads. Fields, with defaults:
 * - JWT_ISSUER (`skillgraph`) and JWT_AUDIENCE (`skillgraph-api`): the `iss`/`aud` tokens carry and verifiers demand.
 * - ACCESS_TOKEN_TTL (`15m`, 30s..1h): access token lifetime; short because access tokens cannot be revoked.
 * - REFRESH_TOKEN_TTL (`30d`, 1h..365d): refresh token lifetime.
 * - JWT_CLOCK_TOLERANCE (`30s`, 0..5m): skew allowed between issuer and verifier clocks.
 * - JWT_PRIVATE_KEYS (none): PEM private keys, oldest first; the LAST one signs, all verify.
 *   Rotate by appending a key, drop the oldest once its tokens have expired. Without it the
 *   users subgraph keeps generated keys under `<DATA_DIR>/keys/` (embedded mode only).
 * - JWKS_URL (none): where services other than the issuer fetch the public keys.
 * - GATEWAY_SECRET (none; required in production, >= 32 chars): proves a request came through the gateway.
 *   In embedded mode the single process generates one at start.
 */
export const authEnvObject = z.object({
  NODE_ENV: env.nodeEnv(),
  JWT_ISSUER: z.string().trim().min(1, 'must not be empty').default('skillgraph'),
  JWT_AUDIENCE: z.string().trim().min(1, 'must not be empty').default('skillgraph-api'),
  ACCESS_TOKEN_TTL: duration('15m', 30, 3600, '30s and 1h'),
  REFRESH_TOKEN_TTL: duration('30d', 3600, 365 * 86400, '1h and 365d'),
  JWT_CLOCK_TOLERANCE: duration('30s', 0, 300, '0s and 5m'),
  JWT_PRIVATE_KEYS: privateKeyList,
  JWKS_URL: env.url().optional(),
  GATEWAY_SECRET: z.string().min(32, 'must be at least 32 characters (use a random value)').optional(),
});

type AuthEnv = z.output<typeof authEnvObject>;

/** Rules across fields; exported so a service that merges schemas can apply them too. */
export function refineAuthEnv(value: AuthEnv, ctx: z.RefinementCtx): void {
  if (value.NODE_ENV === 'production' && value.GATEWAY_SECRET === undefined) {
    ctx.addIssue({ code: 'custom', path: ['GATEWAY_SECRET'], message: 'is required when NODE_ENV=production' });
  }
}

export interface AuthConfig {
  nodeEnv: AuthEnv['NODE_ENV'];
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  clockToleranceSeconds: number;
  /** Oldest first; the last one signs. Empty means "generate and persist" (embedded mode). */
  privateKeysPem: string[];
  jwksUrl?: URL;
  gatewaySecret?: string;
}

const toAuthConfig = (value: AuthEnv): AuthConfig => ({
  nodeEnv: value.NODE_ENV,
  issuer: value.JWT_ISSUER,
  audience: value.JWT_AUDIENCE,
  accessTokenTtlSeconds: value.ACCESS_TOKEN_TTL,
  refreshTokenTtlSeconds: value.REFRESH_TOKEN_TTL,
  clockToleranceSeconds: value.JWT_CLOCK_TOLERANCE,
  privateKeysPem: value.JWT_PRIVATE_KEYS,
  ...(value.JWKS_URL ? { jwksUrl: new URL(value.JWKS_URL) } : {}),
  ...(value.GATEWAY_SECRET ? { gatewaySecret: value.GATEWAY_SECRET } : {}),
});

// `when` runs the cross-field rule even when other fields failed, so one start-up lists every problem.
// The rule reads only NODE_ENV and GATEWAY_SECRET, which are safe to read from a partly invalid object.
export const authEnvSchema = authEnvObject.superRefine(refineAuthEnv, { when: () => true }).transform(toAuthConfig);

/** Reads the identity settings, or throws one ConfigError listing every bad variable. */
export function loadAuthConfig(source: Env = processEnv(), service = 'auth'): AuthConfig {
  return loadConfig(service, authEnvSchema, source);
}
