import { createHash } from 'node:crypto';
import { startSystem, type TestSystem } from './support/system';
import { edgeSettings, startEdgeGateway } from './support/edge';

const QUERY = 'query Catalogue { courses(first: 1) { edges { cursor } } }';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

let system: TestSystem;
let gateway: Awaited<ReturnType<typeof startEdgeGateway>>;
beforeAll(async () => {
  system = await startSystem();
  gateway = await startEdgeGateway(system.stack, { edge: edgeSettings({ eventLoopLagLimitMs: 0 }) });
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await system?.stop();
});

async function send(body: Record<string, unknown>) {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

describe('automatic persisted queries', () => {
  it('a hash alone is unknown until sent once with its document; then the hash alone runs it', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(QUERY) } };
    const unknown = await send({ extensions });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await send({ query: QUERY, extensions });
    expect(registered.status).toBe(200);
    expect(registered.body.errors).toBeUndefined();

    system.clearReceived();
    const byHash = await send({ extensions });
    expect(byHash.status).toBe(200);
    expect(byHash.body.data).toEqual(registered.body.data);
    expect(system.received.courses.length).toBe(1);
  });

  it('a registered document still passes every limit: a hostile one is refused on registration', async () => {
    const hostile = `{ course(id: "c") { ${'instructor { coursesTaught { '.repeat(10)} id ${'} } '.repeat(10)} } }`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(hostile) } };
    system.clearReceived();
    const refused = await send({ query: hostile, extensions });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((error) => error.extensions?.code)).toContain('MAX_DEPTH_EXCEEDED');
    expect((await send({ extensions })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(system.allReceived()).toEqual([]);
  });
});
