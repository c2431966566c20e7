import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../src/errors';
import {
  createAccessTokenIssuer,
  createAccessTokenVerifier,
  generateSigningKey,
  KeyRing,
  keyRingFromPems,
  localKeySource,
  openKeyRing,
  PersistentKeyRing,
} from '../../src/auth';

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-keys-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

const tokensFor = (ring: KeyRing) => ({
  issuer: createAccessTokenIssuer({ keyRing: ring, issuer: 'skillgraph', audience: 'skillgraph-api' }),
  verifier: createAccessTokenVerifier({ keys: localKeySource(ring), issuer: 'skillgraph', audience: 'skillgraph-api' }),
});

describe('embedded key ring', () => {
  it('generates a key on first use, stores it owner-only, and reuses it after a restart', async () => {
    const first = await PersistentKeyRing.open(dataDir);
    const files = await fs.readdir(path.join(dataDir, 'keys'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^\\d{13}-${first.signingKey().kid}\\.pem$`));
    const stat = await fs.stat(path.join(dataDir, 'keys', files[0] as string));
    expect(stat.mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.join(dataDir, 'keys'))).mode & 0o777).toBe(0o700);

    const { token } = await tokensFor(first).issuer.issueAccessToken({ sub: 'u1', role: 'STUDENT' });
    const restarted = await PersistentKeyRing.open(dataDir);
    expect(restarted.signingKey().kid).toBe(first.signingKey().kid);
    await expect(tokensFor(restarted).verifier.verifyAccessToken(token)).resolves.toMatchObject({ id: 'u1' });
  });

  it('kids are RFC 7638 thumbprints and the JWKS holds only public parameters', async () => {
    const ring = await PersistentKeyRing.open(dataDir);
    const [jwk] = ring.jwks().keys;
    expect(jwk).toEqual({ kty: 'RSA', n: expect.any(String), e: 'AQAB', kid: ring.signingKey().kid, alg: 'RS256', use: 'sig' });
    expect(ring.signingKey().kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('rotation: the new key signs, old tokens still verify, the JWKS lists both, and both survive a restart', async () => {
    let now = new Date('2030-01-01T00:00:00Z');
    const ring = await PersistentKeyRing.open(dataDir, () => now);
    const oldKid = ring.signingKey().kid;
    const before = await tokensFor(ring).issuer.issueAccessToken({ sub: 'u1', role: 'STUDENT' });

    now = new Date('2030-01-01T00:05:00Z');
    const newKid = await ring.rotate();
    expect(newKid).not.toBe(oldKid);
    expect(ring.signingKey().kid).toBe(newKid);
    expect(ring.jwks().keys.map((key) => key.kid)).toEqual([newKid, oldKid]);

    const after = await tokensFor(ring).issuer.issueAccessToken({ sub: 'u2', role: 'ADMIN' });
    expect(JSON.parse(Buffer.from(after.token.split('.')[0] as string, 'base64url').toString()).kid).toBe(newKid);
    await expect(tokensFor(ring).verifier.verifyAccessToken(before.token)).resolves.toMatchObject({ id: 'u1' });
    await expect(tokensFor(ring).verifier.verifyAccessToken(after.token)).resolves.toMatchObject({ id: 'u2' });

    const restarted = await PersistentKeyRing.open(dataDir);
    expect(restarted.signingKey().kid).toBe(newKid);
    expect(restarted.kids()).toEqual([oldKid, newKid]);

    // Once the grace period (access token lifetime + tolerance) has passed, the old key goes.
    now = new Date('2030-01-01T00:10:00Z');
    expect(await ring.retire(15 * 60)).toEqual([]);
    now = new Date('2030-01-01T00:25:00Z');
    expect(await ring.retire(15 * 60)).toEqual([oldKid]);
    expect(ring.kids()).toEqual([newKid]);
    await expect(tokensFor(ring).verifier.verifyAccessToken(before.token)).rejects.toMatchObject({ reason: 'unknown_key' });
    expect((await PersistentKeyRing.open(dataDir)).kids()).toEqual([newKid]);
  });

  it('refuses a key file whose content does not match its name', async () => {
    await PersistentKeyRing.open(dataDir);
    const other = await generateSigningKey();
    const [name] = await fs.readdir(path.join(dataDir, 'keys'));
    await fs.writeFile(path.join(dataDir, 'keys', name as string), other.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(PersistentKeyRing.open(dataDir)).rejects.toThrow(/does not hold the key its name says/);
  });
});

describe('configured key ring', () => {
  it('signs with the last PEM and verifies with all of them', async () => {
    const [older, newer] = await Promise.all([generateSigningKey(), generateSigningKey()]);
    const pem = (key: typeof older) => key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const oldRing = await keyRingFromPems([pem(older)]);
    const oldToken = await tokensFor(oldRing).issuer.issueAccessToken({ sub: 'u1', role: 'STUDENT' });

    const ring = await openKeyRing({ privateKeysPem: [pem(older), pem(newer)], dataDir, nodeEnv: 'production' });
    expect(ring.signingKey().kid).toBe(newer.kid);
    expect(ring.jwks().keys.map((key) => key.kid)).toEqual([newer.kid, older.kid]);
    await expect(tokensFor(ring).verifier.verifyAccessToken(oldToken.token)).resolves.toMatchObject({ id: 'u1' });
    // Nothing is written to disk in this mode.
    await expect(fs.readdir(path.join(dataDir, 'keys'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to generate keys in production', async () => {
    await expect(openKeyRing({ privateKeysPem: [], dataDir, nodeEnv: 'production' })).rejects.toBeInstanceOf(ConfigError);
  });

  it('adding a key already in the ring changes nothing', async () => {
    const key = await generateSigningKey(new Date(1000));
    const ring = new KeyRing([key]);
    ring.add(key);
    expect(ring.kids()).toEqual([key.kid]);
  });
});
