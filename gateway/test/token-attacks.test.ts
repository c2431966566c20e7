import {
  AccessTokenRejected,
  createAccessTokenVerifier,
  generateSigningKey,
  localKeySource,
  type SigningKey,
  type TokenFailureReason,
} from '@skillgraph/platform';
import { decodePayload, hs256WithPublicKey, signRs256, unsignedToken, validClaims, withPayload } from './support/forge';
import { startSystem, type AuthPayload, type TestSystem } from './support/system';

let system: TestSystem;
let realKey: SigningKey;
let strangerKey: SigningKey;
let student: AuthPayload;
let admin: AuthPayload;

beforeAll(async () => {
  system = await startSystem();
  realKey = system.stack.keyRing.signingKey();
  strangerKey = await generateSigningKey();
  student = await system.account('STUDENT', 'Sam Student');
  admin = await system.account('ADMIN', 'Ada Admin');
});
afterAll(async () => system.stop());

const now = () => Math.floor(Date.now() / 1000);
// The attacker wants to be the admin.
const adminClaims = () => validClaims(admin.user.id, 'ADMIN');
const { exp: _omitted, ...withoutExp } = validClaims('x', 'ADMIN');

/** Each is a token that must not get anyone in. Built lazily: they need the keys and users from beforeAll. */
const ATTACKS: [string, () => Promise<string> | string, TokenFailureReason][] = [
  ['alg: none', () => unsignedToken(realKey.kid, adminClaims()), 'algorithm_not_allowed'],
  ['HS256 signed with the public key', () => hs256WithPublicKey(realKey, adminClaims()), 'algorithm_not_allowed'],
  ['expired', () => signRs256(realKey, { ...adminClaims(), iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 }), 'expired'],
  ['not yet valid', () => signRs256(realKey, { ...adminClaims(), nbf: now() + 3600, exp: now() + 7200 }), 'not_yet_valid'],
  ['missing exp', () => signRs256(realKey, { ...withoutExp, sub: admin.user.id }), 'missing_claim'],
  ['wrong issuer', () => signRs256(realKey, validClaims(admin.user.id, 'ADMIN', { issuer: 'https://evil.example' })), 'wrong_issuer'],
  ['wrong audience', () => signRs256(realKey, validClaims(admin.user.id, 'ADMIN', { audience: 'another-api' })), 'wrong_audience'],
  ['tampered payload (student token promoted to ADMIN)', () => withPayload(student.accessToken, { ...decodePayload(student.accessToken), role: 'ADMIN' }), 'bad_signature'],
  ['tampered payload (student token for the admin id)', () => withPayload(student.accessToken, { ...decodePayload(student.accessToken), sub: admin.user.id }), 'bad_signature'],
  ['unknown kid', () => signRs256(strangerKey, adminClaims()), 'unknown_key'],
  ['known kid, signed by another key', () => signRs256({ kid: realKey.kid, privateKey: strangerKey.privateKey }, adminClaims()), 'bad_signature'],
  ['no kid', () => signRs256(realKey, adminClaims(), { kid: undefined }), 'unknown_key'],
  ['not an access token (wrong typ)', () => signRs256(realKey, adminClaims(), { typ: 'JWT' }), 'wrong_type'],
  ['missing role', () => signRs256(realKey, { ...adminClaims(), role: undefined }), 'missing_claim'],
  ['garbage', () => 'garbage', 'malformed'],
  ['garbage with dots', () => 'a.b.c', 'malformed'],
  ['empty segments', () => '..', 'malformed'],
];

const QUERIES = {
  'a signed-in field': '{ me { id role } }',
  'a public field': '{ courses(first: 1) { totalCount } }',
  'an admin field': '{ users(first: 5) { totalCount edges { node { email } } } }',
};

describe('forged and broken tokens are refused at the gateway, before any subgraph is called', () => {
  it('accepts a correctly forged token built the same way (so each refusal below is about its one defect)', async () => {
    const token = await signRs256(realKey, validClaims(student.user.id, 'STUDENT'));
    const result = await system.gql<{ me: { id: string } }>(QUERIES['a signed-in field'], {}, { token });
    expect(result.data?.me.id).toBe(student.user.id);
  });

  // Shows each token is refused for the defect its name claims, not by accident of how it was built.
  it.each(ATTACKS)('%s is refused for its own defect', async (_name, makeToken, reason) => {
    const verifier = createAccessTokenVerifier({ keys: localKeySource(system.stack.keyRing), issuer: 'skillgraph', audience: 'skillgraph-api' });
    const rejection = await verifier.verifyAccessToken(await makeToken()).then(
      () => null,
      (error: unknown) => error,
    );
    expect(rejection).toBeInstanceOf(AccessTokenRejected);
    expect((rejection as AccessTokenRejected).reason).toBe(reason);
  });

  describe.each(Object.entries(QUERIES))('on %s', (_label, query) => {
    it.each(ATTACKS)('%s', async (_name, makeToken) => {
      const token = await makeToken();
      system.clearReceived();
      const result = await system.gql(query, {}, { token });
      expect(result.status).toBe(401);
      expect(result.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(result.data).toBeUndefined();
      // One message for every defect: the forger learns nothing about which check failed.
      expect(result.errors).toEqual([{ message: 'Your session is not valid. Sign in again.', extensions: { code: 'UNAUTHENTICATED' } }]);
      expect(system.allReceived()).toEqual([]);
    });
  });

  it.each([
    ['Basic credentials', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['an empty bearer', 'Bearer '],
    ['two tokens', 'Bearer a.b.c d.e.f'],
  ])('refuses an Authorization header with %s', async (_label, authorization) => {
    system.clearReceived();
    const result = await system.gql(QUERIES['a public field'], {}, { headers: { authorization } });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(system.allReceived()).toEqual([]);
  });

  it('lets anonymous requests read public fields, and the same requests with a valid token through', async () => {
    system.clearReceived();
    const anonymous = await system.gql(QUERIES['a public field']);
    expect(anonymous.status).toBe(200);
    expect(anonymous.errors).toBeUndefined();
    expect(system.received.courses).toHaveLength(1);
    const signedIn = await system.gql(QUERIES['a public field'], {}, { token: student.accessToken });
    expect(signedIn.errors).toBeUndefined();
    expect((await system.gql(QUERIES['an admin field'], {}, { token: admin.accessToken })).errors).toBeUndefined();
  });
});
