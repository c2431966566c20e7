import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  createAccessTokenVerifier,
  createLogger,
  generateSigningKey,
  jwksHandler,
  remoteKeySource,
  type RunningServer,
  type SigningKey,
} from '@skillgraph/platform';
import { createGatewayIdentity, createGatewayServer } from '../src/server';
import { signRs256, validClaims } from './support/forge';
import { postGraphQL, REPO_ROOT, startSystem, type TestSystem } from './support/system';

// The distributed wiring: a gateway that knows no keys, only the users subgraph's JWKS URL.
const COOLDOWN_MS = 500;
// A cooldown no test run outlasts, however loaded the machine: fetch counts then depend on no timing.
const LONG_COOLDOWN_MS = 10 * 60_000;
const logger = createLogger({ service: 'test', level: 'silent' });

let system: TestSystem;
let jwksServer: http.Server;
let jwksUrl: URL;
let jwksFetches = 0;
let gateway: RunningServer;
let stranger: SigningKey;

async function startGateway(keysAt: URL, cooldownMs = COOLDOWN_MS): Promise<RunningServer> {
  const verifier = createAccessTokenVerifier({
    keys: remoteKeySource(keysAt, { cooldownMs }),
    issuer: 'skillgraph',
    audience: 'skillgraph-api',
  });
  return createGatewayServer({
    supergraphPath: path.join(REPO_ROOT, 'schema', 'supergraph.graphql'),
    subgraphUrls: system.stack.subgraphUrls,
    logger,
    ...createGatewayIdentity({ verifier, gatewaySecret: system.stack.gatewaySecret, logger }),
  }).listen(0);
}

beforeAll(async () => {
  system = await startSystem();
  stranger = await generateSigningKey();
  // Serves the same ring as the users subgraph, counting fetches.
  const app = express();
  app.get(
    '/.well-known/jwks.json',
    (_req, _res, next) => {
      jwksFetches++;
      next();
    },
    jwksHandler(system.stack.keyRing),
  );
  jwksServer = http.createServer(app);
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const { port } = jwksServer.address() as AddressInfo;
  jwksUrl = new URL(`http://127.0.0.1:${port}/.well-known/jwks.json`);
  gateway = await startGateway(jwksUrl);
});
afterAll(async () => {
  await gateway.stop();
  await new Promise((resolve) => jwksServer.close(resolve));
  await system.stop();
});

const me = (token: string, through: RunningServer = gateway) => postGraphQL<{ me: { id: string } | null }>(through.url, '{ me { id } }', {}, { token });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a gateway verifying with the remote JWKS', () => {
  it('fetches the keys once, caches them, refetches on an unknown kid, and keeps old kids valid', async () => {
    const before = await system.register();
    expect((await me(before.accessToken)).data?.me?.id).toBe(before.user.id);
    expect((await me(before.accessToken)).data?.me?.id).toBe(before.user.id);
    expect(jwksFetches).toBe(1);

    // Rotate: the new key signs from now on; the old one stays in the JWKS.
    system.stack.keyRing.add(await generateSigningKey(new Date(Date.now() + 1000)));
    await sleep(COOLDOWN_MS + 50);
    const after = await system.login(before.user.email!);
    expect((await me(after.accessToken)).data?.me?.id).toBe(before.user.id);
    expect(jwksFetches).toBe(2);
    expect((await me(before.accessToken)).data?.me?.id).toBe(before.user.id);
    expect(jwksFetches).toBe(2);
  });

  it('unknown kids inside the cooldown cannot make the gateway hammer the issuer', async () => {
    // Its own gateway with a cooldown no slow machine outlasts: with the short one above, a run
    // slower than 500 ms between requests legitimately refetched, and the count said nothing.
    const patient = await startGateway(jwksUrl, LONG_COOLDOWN_MS);
    try {
      const session = await system.register();
      const before = jwksFetches;
      expect((await me(session.accessToken, patient)).data?.me?.id).toBe(session.user.id);
      expect(jwksFetches - before).toBe(1);
      for (let attempt = 0; attempt < 5; attempt++)
        expect((await me(await signRs256(stranger, validClaims(session.user.id, 'ADMIN')), patient)).status).toBe(401);
      expect(jwksFetches - before).toBe(1);
    } finally {
      await patient.stop();
    }
  });

  it('works against the users subgraph own /.well-known/jwks.json, which needs no gateway secret', async () => {
    const direct = await startGateway(new URL('/.well-known/jwks.json', system.stack.subgraphUrls.users));
    try {
      const session = await system.register();
      const result = await postGraphQL<{ me: { id: string } }>(direct.url, '{ me { id } }', {}, { token: session.accessToken });
      expect(result.data?.me.id).toBe(session.user.id);
    } finally {
      await direct.stop();
    }
  });

  it('answers 503, not 401, when the keys cannot be fetched at all', async () => {
    const broken = await startGateway(new URL('http://127.0.0.1:9/.well-known/jwks.json'));
    try {
      const session = await system.register();
      system.clearReceived();
      const result = await postGraphQL(broken.url, '{ me { id } }', {}, { token: session.accessToken });
      expect(result.status).toBe(503);
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(system.allReceived()).toEqual([]);
    } finally {
      await broken.stop();
    }
  });
});
