/**
 * A subgraph serves the gateway's JSON POSTs to /graphql on the lean node:http path, behind the
 * same gateway-secret check, and keeps Express for everything else under /graphql.
 */
import { generateGatewaySecret, GATEWAY_SECRET_HEADER, requireGatewaySecret } from '../../src/auth';
import { parse } from 'graphql';
import { createLogger } from '../../src/logger';
import { createSubgraphServer, type RunningServer } from '../../src/server/subgraph-server';

const secret = generateGatewaySecret();
let running: RunningServer;
let contexts = 0;

beforeAll(async () => {
  const server = createSubgraphServer<{ caller: string }, { Query: { hello: (parent: unknown, args: unknown, context: { caller: string }) => string } }>({
    name: 'lean-test',
    typeDefs: parse('type Query { hello: String! }'),
    resolvers: { Query: { hello: (_parent, _args, context) => `hello ${context.caller}` } },
    context: async (req) => {
      contexts += 1;
      return { caller: String(req.headers['x-caller'] ?? 'nobody') };
    },
    logger: createLogger({ service: 'lean-test', level: 'silent' }),
    guards: [requireGatewaySecret({ secret })],
  });
  running = await server.listen(0);
});

afterAll(() => running.stop());

const post = (headers: Record<string, string>, body = JSON.stringify({ query: '{ hello }' })) =>
  fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('the subgraph /graphql path', () => {
  it('answers a JSON POST with the secret on node:http, without Express (no ETag)', async () => {
    const response = await post({ [GATEWAY_SECRET_HEADER]: secret, 'x-caller': 'gateway' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { hello: 'hello gateway' } });
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('refuses a JSON POST without the secret before any context is built', async () => {
    contexts = 0;
    const response = await post({});
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(contexts).toBe(0);
  });

  it('answers a body that is not JSON like express.json did', async () => {
    const response = await post({ [GATEWAY_SECRET_HEADER]: secret }, '{ not json');
    expect(response.status).toBe(400);
  });

  it('keeps other requests under /graphql on Express, still behind the secret', async () => {
    const query = `${running.url}?query=${encodeURIComponent('{ hello }')}`;
    expect((await fetch(query)).status).toBe(401);
    const get = await fetch(query, { headers: { [GATEWAY_SECRET_HEADER]: secret, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { hello: 'hello nobody' } });
    // Express marks its JSON answers with an ETag: proof this one took the Express path.
    expect(get.headers.get('etag')).not.toBeNull();
  });
});
