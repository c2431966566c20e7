import { generateKeyPairSync } from 'node:crypto';
import { ConfigError } from '../../src/errors';
import { loadAuthConfig, parseDurationSeconds, splitPemList } from '../../src/auth';

const pem = (bits = 2048) => generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function problems(env: Record<string, string>): string[] {
  try {
    loadAuthConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('auth configuration', () => {
  it('has working defaults for embedded mode', () => {
    expect(loadAuthConfig({})).toEqual({
      nodeEnv: 'development',
      issuer: 'skillgraph',
      audience: 'skillgraph-api',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 86400,
      clockToleranceSeconds: 30,
      privateKeysPem: [],
    });
  });

  it('reads durations, key lists (with literal \\n) and URLs', () => {
    const [first, second] = [pem(), pem()];
    const config = loadAuthConfig({
      ACCESS_TOKEN_TTL: '5m',
      REFRESH_TOKEN_TTL: '7d',
      JWT_CLOCK_TOLERANCE: '10',
      JWT_PRIVATE_KEYS: `${first}\n${second}`.replace(/\n/g, '\\n'),
      JWKS_URL: 'http://users:4001/.well-known/jwks.json',
      GATEWAY_SECRET: 'x'.repeat(32),
    });
    expect(config).toMatchObject({ accessTokenTtlSeconds: 300, refreshTokenTtlSeconds: 7 * 86400, clockToleranceSeconds: 10, gatewaySecret: 'x'.repeat(32) });
    expect(config.privateKeysPem).toEqual([first.trim(), second.trim()]);
    expect(config.jwksUrl?.href).toBe('http://users:4001/.well-known/jwks.json');
  });

  it('lists every bad value at once, including the production-only rule', () => {
    const found = problems({
      NODE_ENV: 'production',
      ACCESS_TOKEN_TTL: '3 days',
      REFRESH_TOKEN_TTL: '10s',
      JWT_PRIVATE_KEYS: `${pem(1024)}-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----`,
      JWKS_URL: 'not a url',
      JWT_ISSUER: ' ',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ACCESS_TOKEN_TTL: must be a duration/),
        expect.stringMatching(/^REFRESH_TOKEN_TTL: must be between 1h and 365d/),
        expect.stringMatching(/^JWT_PRIVATE_KEYS: key 1 is 1024-bit/),
        expect.stringMatching(/^JWT_PRIVATE_KEYS: key 2 is not a readable PEM/),
        expect.stringMatching(/^JWKS_URL: must be a URL/),
        expect.stringMatching(/^JWT_ISSUER: must not be empty/),
        expect.stringMatching(/^GATEWAY_SECRET: is required when NODE_ENV=production/),
      ]),
    );
    expect(found).toHaveLength(7);
  });

  it('rejects a short gateway secret', () => {
    expect(problems({ GATEWAY_SECRET: 'secret' })).toEqual(['GATEWAY_SECRET: must be at least 32 characters (use a random value)']);
  });

  it('parses durations', () => {
    expect(['900', '900s', '15m', '1h', '2d', 'x', '1w', '-5'].map(parseDurationSeconds)).toEqual([900, 900, 900, 3600, 172800, null, null, null]);
    expect(splitPemList('no keys here')).toEqual([]);
  });
});
