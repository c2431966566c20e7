import { createPublicKey } from 'node:crypto';
import { CompactSign, SignJWT, base64url, type JWTPayload } from 'jose';
import {
  ACCESS_TOKEN_TYPE,
  AccessTokenRejected,
  createAccessTokenIssuer,
  createAccessTokenVerifier,
  generateSigningKey,
  KeyRing,
  localKeySource,
  toUnauthenticatedError,
  type AccessTokenVerifier,
  type SigningKey,
  type TokenFailureReason,
} from '../../src/auth';

const ISSUER = 'skillgraph';
const AUDIENCE = 'skillgraph-api';
const NOW = new Date('2030-01-01T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

let ringKey: SigningKey;
let strangerKey: SigningKey;
let ring: KeyRing;
let verifier: AccessTokenVerifier;

beforeAll(async () => {
  [ringKey, strangerKey] = await Promise.all([generateSigningKey(), generateSigningKey()]);
  ring = new KeyRing([ringKey]);
  verifier = createAccessTokenVerifier({ keys: localKeySource(ring), issuer: ISSUER, audience: AUDIENCE, clock: () => NOW });
});

const issuerAt = (at: Date, overrides: { issuer?: string; audience?: string; ttlSeconds?: number } = {}) =>
  createAccessTokenIssuer({ keyRing: ring, issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 900, clock: () => at, ...overrides });

const validClaims = (): JWTPayload => ({
  sub: 'user-1',
  role: 'STUDENT',
  iss: ISSUER,
  aud: AUDIENCE,
  iat: nowSeconds,
  nbf: nowSeconds,
  exp: nowSeconds + 900,
  jti: 'token-1',
});

/** Signs arbitrary claims and header with an RSA key, bypassing the issuer's guarantees. */
async function forge(claims: JWTPayload, key: SigningKey, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: ACCESS_TOKEN_TYPE, ...header }).sign(key.privateKey);
}

const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));

describe('access tokens', () => {
  it('round-trips a viewer with every registered claim set', async () => {
    const issued = await issuerAt(NOW).issueAccessToken({ sub: 'user-7', role: 'INSTRUCTOR', sessionId: 'family-1' });
    const [header, payload] = issued.token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'RS256', kid: ringKey.kid, typ: ACCESS_TOKEN_TYPE });
    expect(payload).toMatchObject({ sub: 'user-7', role: 'INSTRUCTOR', sid: 'family-1', iss: ISSUER, aud: AUDIENCE, iat: nowSeconds, nbf: nowSeconds, exp: nowSeconds + 900, jti: issued.tokenId });

    const viewer = await verifier.verifyAccessToken(issued.token);
    expect(viewer).toEqual({ kind: 'user', id: 'user-7', role: 'INSTRUCTOR', tokenId: issued.tokenId, expiresAt: issued.expiresAt, sessionId: 'family-1' });
  });

  it('defaults to a 15 minute lifetime', async () => {
    const issued = await createAccessTokenIssuer({ keyRing: ring, issuer: ISSUER, audience: AUDIENCE, clock: () => NOW }).issueAccessToken({ sub: 'u', role: 'ADMIN' });
    expect(issued.expiresAt.getTime() - NOW.getTime()).toBe(15 * 60_000);
  });

  it('tolerates small clock skew but no more', async () => {
    const token = (await issuerAt(new Date(NOW.getTime() - 900_000 - 20_000)).issueAccessToken({ sub: 'u', role: 'STUDENT' })).token;
    await expect(verifier.verifyAccessToken(token)).resolves.toMatchObject({ id: 'u' });
    const older = (await issuerAt(new Date(NOW.getTime() - 900_000 - 31_000)).issueAccessToken({ sub: 'u', role: 'STUDENT' })).token;
    await expect(verifier.verifyAccessToken(older)).rejects.toMatchObject({ reason: 'expired' });
  });

  const attacks: Array<[string, () => Promise<string>, TokenFailureReason]> = [
    ['alg none (unsigned)', async () => `${encodeJson({ alg: 'none', typ: ACCESS_TOKEN_TYPE, kid: ringKey.kid })}.${encodeJson(validClaims())}.`, 'algorithm_not_allowed'],
    [
      'HS256 signed with the public key PEM as HMAC secret',
      async () => {
        const publicPem = createPublicKey(ringKey.privateKey).export({ type: 'spki', format: 'pem' }).toString();
        return new SignJWT(validClaims()).setProtectedHeader({ alg: 'HS256', kid: ringKey.kid, typ: ACCESS_TOKEN_TYPE }).sign(new TextEncoder().encode(publicPem));
      },
      'algorithm_not_allowed',
    ],
    ['PS256 with the right key', () => forge(validClaims(), ringKey, { alg: 'PS256' }), 'algorithm_not_allowed'],
    ['expired', async () => (await issuerAt(new Date(NOW.getTime() - 3_600_000)).issueAccessToken({ sub: 'u', role: 'STUDENT' })).token, 'expired'],
    ['not yet valid', async () => (await issuerAt(new Date(NOW.getTime() + 600_000)).issueAccessToken({ sub: 'u', role: 'STUDENT' })).token, 'not_yet_valid'],
    ['missing exp', () => forge({ ...validClaims(), exp: undefined }, ringKey), 'missing_claim'],
    ['missing jti', () => forge({ ...validClaims(), jti: undefined }, ringKey), 'missing_claim'],
    ['missing role', () => forge({ ...validClaims(), role: undefined }, ringKey), 'missing_claim'],
    ['unknown role', () => forge({ ...validClaims(), role: 'ROOT' }, ringKey), 'invalid_claim'],
    ['wrong issuer', async () => (await issuerAt(NOW, { issuer: 'evil' }).issueAccessToken({ sub: 'u', role: 'STUDENT' })).token, 'wrong_issuer'],
    ['wrong audience', async () => (await issuerAt(NOW, { audience: 'another-api' }).issueAccessToken({ sub: 'u', role: 'STUDENT' })).token, 'wrong_audience'],
    ['a JWT of another type (typ JWT)', () => forge(validClaims(), ringKey, { typ: 'JWT' }), 'wrong_type'],
    [
      'tampered payload (role raised to ADMIN)',
      async () => {
        const [header, , signature] = (await issuerAt(NOW).issueAccessToken({ sub: 'u', role: 'STUDENT' })).token.split('.');
        return `${header}.${encodeJson({ ...validClaims(), role: 'ADMIN' })}.${signature}`;
      },
      'bad_signature',
    ],
    ['signed by another key under our kid', () => forge(validClaims(), strangerKey, { kid: ringKey.kid }), 'bad_signature'],
    ['attacker key embedded in the header (jwk)', () => forge(validClaims(), strangerKey, { kid: ringKey.kid, jwk: strangerKey.publicJwk }), 'bad_signature'],
    ['unknown kid', () => forge(validClaims(), strangerKey), 'unknown_key'],
    ['no kid', () => forge(validClaims(), ringKey, { kid: undefined }), 'unknown_key'],
    ['garbage', async () => 'this-is-not-a-token', 'malformed'],
    ['three garbage segments', async () => 'abc.def.ghi', 'malformed'],
    ['empty string', async () => '', 'malformed'],
    [
      'correctly signed payload that is not JSON',
      () => new CompactSign(new TextEncoder().encode('nope')).setProtectedHeader({ alg: 'RS256', kid: ringKey.kid, typ: ACCESS_TOKEN_TYPE }).sign(ringKey.privateKey),
      'malformed',
    ],
  ];

  it.each(attacks)('rejects %s', async (_name, makeToken, reason) => {
    const token = await makeToken();
    const failure = await verifier.verifyAccessToken(token).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AccessTokenRejected);
    expect((failure as AccessTokenRejected).reason).toBe(reason);
  });

  it('maps every rejection to one UNAUTHENTICATED error that names no reason', () => {
    const error = toUnauthenticatedError(new AccessTokenRejected('bad_signature', 'details'));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.message).not.toMatch(/signature|kid|expired|details/i);
  });
});
