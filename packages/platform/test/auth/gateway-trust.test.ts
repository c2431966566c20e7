import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  AccessTokenRejected,
  ANONYMOUS,
  bearerToken,
  createAccessTokenIssuer,
  createAccessTokenVerifier,
  GATEWAY_SECRET_HEADER,
  gatewayRequestHeaders,
  generateGatewaySecret,
  generateSigningKey,
  isClientIdentityHeader,
  KeyRing,
  localKeySource,
  requireGatewaySecret,
  resolveViewer,
  secretsEqual,
  stripClientIdentityHeaders,
} from '../../src/auth';

const secret = generateGatewaySecret();
let server: Server;
let base: string;
let graphqlCalls = 0;

beforeAll(async () => {
  const app = express();
  app.use(requireGatewaySecret({ secret }));
  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/ready', (_req, res) => void res.json({ status: 'ready' }));
  app.all('/graphql', (_req, res) => {
    graphqlCalls += 1;
    res.json({ data: { _service: { sdl: 'type Query { x: Int }' } } });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const entitiesQuery = JSON.stringify({ query: 'query($r:[_Any!]!){_entities(representations:$r){__typename}}', variables: { r: [{ __typename: 'User', id: '1' }] } });

describe('requireGatewaySecret', () => {
  const post = (headers: Record<string, string>) =>
    fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: entitiesQuery });

  it.each([
    ['no secret (POST _entities)', () => post({})],
    ['a wrong secret', () => post({ [GATEWAY_SECRET_HEADER]: generateGatewaySecret() })],
    ['the secret with one character changed', () => post({ [GATEWAY_SECRET_HEADER]: secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A') })],
    ['an empty secret', () => post({ [GATEWAY_SECRET_HEADER]: '' })],
    ['no secret (GET _service)', () => fetch(`${base}/graphql?query=${encodeURIComponent('{_service{sdl}}')}`)],
    ['a secret in a client identity header instead', () => post({ 'x-skillgraph-user-id': 'admin', authorization: 'Bearer x' })],
  ])('answers 401 UNAUTHENTICATED before GraphQL runs, for %s', async (_name, send) => {
    graphqlCalls = 0;
    const response = await send();
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Requests must come through the SkillGraph gateway.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(graphqlCalls).toBe(0);
  });

  it('lets requests with the right secret through, POST and GET', async () => {
    graphqlCalls = 0;
    expect((await post(gatewayRequestHeaders(secret))).status).toBe(200);
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{_service{sdl}}')}`, { headers: { [GATEWAY_SECRET_HEADER]: secret } });
    expect(get.status).toBe(200);
    expect(graphqlCalls).toBe(2);
  });

  it('lets health and readiness probes through without the secret', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    expect((await fetch(`${base}/health`, { method: 'POST' })).status).toBe(401);
  });

  it('refuses to start with a short secret', () => {
    expect(() => requireGatewaySecret({ secret: 'short' })).toThrow(/at least 32/);
  });
});

describe('gateway trust helpers', () => {
  it('generates distinct 256-bit secrets', () => {
    const one = generateGatewaySecret();
    expect(Buffer.from(one, 'base64url')).toHaveLength(32);
    expect(one).not.toBe(generateGatewaySecret());
  });

  it('compares secrets exactly', () => {
    expect(secretsEqual(secret, secret)).toBe(true);
    expect(secretsEqual(secret, `${secret}x`)).toBe(false);
    expect(secretsEqual('', secret)).toBe(false);
  });

  it('recognises client-sent identity headers, whatever their case', () => {
    for (const name of ['X-SkillGraph-Gateway-Secret', 'x-skillgraph-viewer', 'X-User-Id', 'x-user', 'x-user-role', 'X-Forwarded-User', 'x-remote-user', 'Remote-User', 'x-auth-request-email', 'x-authenticated-userid']) {
      expect([name, isClientIdentityHeader(name)]).toEqual([name, true]);
    }
    for (const name of ['authorization', 'content-type', 'x-forwarded-for', 'x-request-id', 'user-agent', 'x-username-hint']) {
      expect([name, isClientIdentityHeader(name)]).toEqual([name, false]);
    }
  });

  it('strips identity headers and keeps the rest', () => {
    expect(stripClientIdentityHeaders({ 'X-User-Id': '1', 'x-skillgraph-gateway-secret': 's', 'content-type': 'application/json', authorization: 'Bearer t' })).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer t',
    });
  });

  it('builds the subgraph request headers', () => {
    expect(gatewayRequestHeaders('s')).toEqual({ [GATEWAY_SECRET_HEADER]: 's' });
    expect(gatewayRequestHeaders('s', 'tok')).toEqual({ [GATEWAY_SECRET_HEADER]: 's', authorization: 'Bearer tok' });
  });
});

describe('resolveViewer', () => {
  let verifier: ReturnType<typeof createAccessTokenVerifier>;
  let token: string;
  beforeAll(async () => {
    const ring = new KeyRing([await generateSigningKey()]);
    const settings = { issuer: 'skillgraph', audience: 'skillgraph-api' };
    verifier = createAccessTokenVerifier({ keys: localKeySource(ring), ...settings });
    token = (await createAccessTokenIssuer({ keyRing: ring, ...settings }).issueAccessToken({ sub: 'u1', role: 'INSTRUCTOR' })).token;
  });

  it('is anonymous without an Authorization header', async () => {
    await expect(resolveViewer(undefined, verifier)).resolves.toBe(ANONYMOUS);
    await expect(resolveViewer('', verifier)).resolves.toBe(ANONYMOUS);
  });

  it('is the token user with a valid bearer token (scheme is case-insensitive)', async () => {
    await expect(resolveViewer(`Bearer ${token}`, verifier)).resolves.toMatchObject({ kind: 'user', id: 'u1', role: 'INSTRUCTOR' });
    await expect(resolveViewer(`bearer ${token}`, verifier)).resolves.toMatchObject({ id: 'u1' });
  });

  it('rejects a present but invalid token or scheme instead of degrading to anonymous', async () => {
    await expect(resolveViewer(`Bearer ${token}x`, verifier)).rejects.toBeInstanceOf(AccessTokenRejected);
    await expect(resolveViewer(`Basic dXNlcjpwYXNz`, verifier)).rejects.toMatchObject({ reason: 'malformed' });
    expect(() => bearerToken('Bearer two tokens')).toThrow(AccessTokenRejected);
  });
});
