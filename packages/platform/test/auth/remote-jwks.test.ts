import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  createAccessTokenIssuer,
  createAccessTokenVerifier,
  generateSigningKey,
  jwksHandler,
  KeyRing,
  remoteKeySource,
  type SigningKey,
} from '../../src/auth';

const settings = { issuer: 'skillgraph', audience: 'skillgraph-api' };

let server: http.Server;
let url: URL;
let ring: KeyRing;
let fetches = 0;
let first: SigningKey;
let second: SigningKey;

beforeAll(async () => {
  [first, second] = await Promise.all([generateSigningKey(new Date(1000)), generateSigningKey(new Date(2000))]);
  ring = new KeyRing([first]);
  const app = express();
  app.get('/.well-known/jwks.json', (req, res, next) => {
    fetches += 1;
    next();
  });
  app.get('/.well-known/jwks.json', (req, res, next) => jwksHandler(ring)(req, res, next));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('remote JWKS key source', () => {
  it('serves the JWKS with a JWK-set content type and a short public cache', async () => {
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toMatch(/^application\/jwk-set\+json/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.json()).toEqual(ring.jwks());
  });

  it('caches the JWKS, and refetches once when a token names a kid it has not seen (rotation)', async () => {
    const verifier = createAccessTokenVerifier({ keys: remoteKeySource(url, { cooldownMs: 0 }), ...settings });
    const issuer = createAccessTokenIssuer({ keyRing: ring, ...settings });
    fetches = 0;

    const before = await issuer.issueAccessToken({ sub: 'u1', role: 'STUDENT' });
    await expect(verifier.verifyAccessToken(before.token)).resolves.toMatchObject({ id: 'u1' });
    await expect(verifier.verifyAccessToken(before.token)).resolves.toMatchObject({ id: 'u1' });
    expect(fetches).toBe(1);

    ring.add(second); // the issuer rotates
    const after = await issuer.issueAccessToken({ sub: 'u2', role: 'ADMIN' });
    await expect(verifier.verifyAccessToken(after.token)).resolves.toMatchObject({ id: 'u2', role: 'ADMIN' });
    expect(fetches).toBe(2);
    // The old key is still published, so tokens signed before the rotation keep working without a fetch.
    await expect(verifier.verifyAccessToken(before.token)).resolves.toMatchObject({ id: 'u1' });
    expect(fetches).toBe(2);
  });

  it('an unknown kid during the cooldown does not trigger a fetch and is rejected as unknown_key', async () => {
    const stranger = new KeyRing([await generateSigningKey()]);
    const forged = await createAccessTokenIssuer({ keyRing: stranger, ...settings }).issueAccessToken({ sub: 'x', role: 'ADMIN' });
    const verifier = createAccessTokenVerifier({ keys: remoteKeySource(url, { cooldownMs: 60_000 }), ...settings });
    const genuine = await createAccessTokenIssuer({ keyRing: ring, ...settings }).issueAccessToken({ sub: 'u1', role: 'STUDENT' });
    await verifier.verifyAccessToken(genuine.token);
    fetches = 0;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(verifier.verifyAccessToken(forged.token)).rejects.toMatchObject({ reason: 'unknown_key' });
    }
    expect(fetches).toBe(0);
  });

  it('reports an unreachable JWKS as key_source_unavailable, not as a bad token', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const verifier = createAccessTokenVerifier({ keys: remoteKeySource(new URL(`http://127.0.0.1:${port}/jwks.json`)), ...settings });
    const token = (await createAccessTokenIssuer({ keyRing: ring, ...settings }).issueAccessToken({ sub: 'u1', role: 'STUDENT' })).token;
    await expect(verifier.verifyAccessToken(token)).rejects.toMatchObject({ reason: 'key_source_unavailable' });
  });
});
