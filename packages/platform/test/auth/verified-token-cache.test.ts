import {
  createAccessTokenIssuer,
  createAccessTokenVerifier,
  generateSigningKey,
  KeyRing,
  localKeySource,
  type SigningKey,
  type VerifiedViewer,
} from '../../src/auth';
import { VerifiedTokenCache } from '../../src/auth/verified-token-cache';

const ISSUER = 'skillgraph';
const AUDIENCE = 'skillgraph-api';
const START = new Date('2030-01-01T12:00:00Z').getTime();

let first: SigningKey;
let second: SigningKey;
beforeAll(async () => {
  [first, second] = await Promise.all([generateSigningKey(), generateSigningKey()]);
});

const viewer = (id: string): VerifiedViewer => ({ kind: 'user', id, role: 'STUDENT', tokenId: `jti-${id}`, expiresAt: new Date(START + 900_000) });
const validity = (key: SigningKey) => ({
  notBeforeSeconds: START / 1000,
  expiresAtSeconds: START / 1000 + 900,
  header: { alg: 'RS256', kid: key.kid },
  key: key.publicKey,
});
const keyOf = (key: SigningKey) => async () => key.publicKey;

describe('VerifiedTokenCache', () => {
  it('answers a remembered token with its viewer while it is valid and its key unchanged', async () => {
    const cache = new VerifiedTokenCache(10);
    cache.remember('token-a', viewer('a'), validity(first));
    await expect(cache.recall('token-a', START + 1_000, 30_000, keyOf(first))).resolves.toMatchObject({ id: 'a' });
    await expect(cache.recall('token-b', START + 1_000, 30_000, keyOf(first))).resolves.toBeUndefined();
  });

  it('never answers past exp (plus tolerance) or before nbf (minus tolerance), and forgets the entry', async () => {
    const cache = new VerifiedTokenCache(10);
    cache.remember('token-a', viewer('a'), validity(first));
    await expect(cache.recall('token-a', START + 900_000 + 29_000, 30_000, keyOf(first))).resolves.toMatchObject({ id: 'a' });
    await expect(cache.recall('token-a', START + 900_000 + 30_000, 30_000, keyOf(first))).resolves.toBeUndefined();
    expect(cache.size).toBe(0);
    cache.remember('token-b', viewer('b'), validity(first));
    await expect(cache.recall('token-b', START - 31_000, 30_000, keyOf(first))).resolves.toBeUndefined();
  });

  it('does not answer when the key source no longer gives the key the signature was checked with', async () => {
    const cache = new VerifiedTokenCache(10);
    cache.remember('token-a', viewer('a'), validity(first));
    await expect(cache.recall('token-a', START, 0, keyOf(second))).resolves.toBeUndefined();
    cache.remember('token-b', viewer('b'), validity(first));
    await expect(cache.recall('token-b', START, 0, () => Promise.reject(new Error('no such kid')))).resolves.toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stays within its bound, dropping the least recently used entry', async () => {
    const cache = new VerifiedTokenCache(2);
    cache.remember('a', viewer('a'), validity(first));
    cache.remember('b', viewer('b'), validity(first));
    await cache.recall('a', START, 0, keyOf(first)); // `a` is now the most recent
    cache.remember('c', viewer('c'), validity(first));
    expect(cache.size).toBe(2);
    await expect(cache.recall('b', START, 0, keyOf(first))).resolves.toBeUndefined();
    await expect(cache.recall('a', START, 0, keyOf(first))).resolves.toMatchObject({ id: 'a' });
    await expect(cache.recall('c', START, 0, keyOf(first))).resolves.toMatchObject({ id: 'c' });
  });

  it('keeps nothing with size 0', async () => {
    const cache = new VerifiedTokenCache(0);
    cache.remember('a', viewer('a'), validity(first));
    expect(cache.size).toBe(0);
    await expect(cache.recall('a', START, 0, keyOf(first))).resolves.toBeUndefined();
  });
});

describe('the access-token verifier with its cache', () => {
  let now = START;
  const clock = () => new Date(now);
  const setUp = () => {
    const ring = new KeyRing([first, second]);
    const issuer = createAccessTokenIssuer({ keyRing: ring, issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 900, clock });
    const verifier = createAccessTokenVerifier({ keys: localKeySource(ring), issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 30, clock });
    return { ring, issuer, verifier };
  };
  beforeEach(() => {
    now = START;
  });

  it('gives the same viewer on every use of a token', async () => {
    const { issuer, verifier } = setUp();
    const { token, tokenId } = await issuer.issueAccessToken({ sub: 'u1', role: 'INSTRUCTOR', sessionId: 's1' });
    const once = await verifier.verifyAccessToken(token);
    expect(once).toMatchObject({ id: 'u1', role: 'INSTRUCTOR', tokenId, sessionId: 's1' });
    await expect(verifier.verifyAccessToken(token)).resolves.toEqual(once);
  });

  it('refuses a token that verified before, once it has expired', async () => {
    const { issuer, verifier } = setUp();
    const { token } = await issuer.issueAccessToken({ sub: 'u1', role: 'STUDENT' });
    await verifier.verifyAccessToken(token);
    now = START + 900_000 + 31_000;
    await expect(verifier.verifyAccessToken(token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('refuses a token that verified before, once its key has left the ring', async () => {
    const ring = new KeyRing([first]);
    const issuer = createAccessTokenIssuer({ keyRing: ring, issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 900, clock });
    const verifier = createAccessTokenVerifier({ keys: localKeySource(ring), issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 30, clock });
    const { token } = await issuer.issueAccessToken({ sub: 'u1', role: 'STUDENT' });
    await verifier.verifyAccessToken(token);
    ring.add(second);
    expect(ring.retireExpired(new Date(Date.now() + 86_400_000), 0)).toEqual([first.kid]);
    await expect(verifier.verifyAccessToken(token)).rejects.toMatchObject({ reason: 'unknown_key' });
  });

  it('refuses a tampered copy of a token that verified before', async () => {
    const { issuer, verifier } = setUp();
    const { token } = await issuer.issueAccessToken({ sub: 'u1', role: 'STUDENT' });
    await verifier.verifyAccessToken(token);
    const [header, payload, signature] = token.split('.');
    const raised = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'ADMIN' })).toString('base64url');
    await expect(verifier.verifyAccessToken(`${header}.${raised}.${signature}`)).rejects.toMatchObject({ reason: 'bad_signature' });
    await expect(verifier.verifyAccessToken(token)).resolves.toMatchObject({ role: 'STUDENT' });
  });
});
