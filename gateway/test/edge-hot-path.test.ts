import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import express from 'express';
import { clientAddressOf, type ProxyTrust } from '../src/client-address';
import { postGraphQL, startSystem, type TestSystem } from './support/system';
import { edgeSettings, startEdgeGateway } from './support/edge';

/**
 * The gateway's hot path without Express: /graphql is read by the lean handler, subgraphs are
 * called through kept-alive undici pools. Each test checks a behaviour the old path had (or a
 * cost it no longer pays), through HTTP against a real gateway and subgraphs.
 */

const PAGE = 'query CataloguePage { courses(first: 2) { edges { node { title instructor { name } } } } }';

let system: TestSystem;
let gateway: Awaited<ReturnType<typeof startEdgeGateway>>;

beforeAll(async () => {
  system = await startSystem({ seed: true });
  gateway = await startEdgeGateway(system.stack, { edge: edgeSettings({ eventLoopLagLimitMs: 0, bodyLimit: '2kb' }) });
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await system?.stop();
});

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with exactly the given headers and body (fetch would add or fix some). */
function rawPost(url: string, headers: Record<string, string>, body: Buffer | string, chunked = false): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    // A refused body may be cut off by the server closing the connection: that is the answer too.
    request.on('error', reject);
    if (chunked) {
      const data = Buffer.from(body);
      for (let offset = 0; offset < data.length; offset += 512) request.write(data.subarray(offset, offset + 512));
      request.end();
    } else request.end(body);
  });
}

const codeOf = (answer: RawAnswer): string | undefined =>
  (JSON.parse(answer.body) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;

describe('the JSON body, read without Express', () => {
  const json = { 'content-type': 'application/json' };

  it('runs an operation, and one sent gzip-compressed', async () => {
    const plain = await rawPost(gateway.url, json, JSON.stringify({ query: PAGE }));
    expect(plain.status).toBe(200);
    const compressed = await rawPost(gateway.url, { ...json, 'content-encoding': 'gzip' }, zlib.gzipSync(JSON.stringify({ query: PAGE })));
    expect(compressed.status).toBe(200);
    expect(JSON.parse(compressed.body)).toEqual(JSON.parse(plain.body));
  });

  it('refuses a body over BODY_LIMIT with 413, whether its length is declared or it arrives chunked', async () => {
    const large = JSON.stringify({ query: PAGE, variables: { padding: 'x'.repeat(4096) } });
    const declared = await rawPost(gateway.url, json, large);
    expect(declared.status).toBe(413);
    expect(codeOf(declared)).toBe('PAYLOAD_TOO_LARGE');
    const chunked = await rawPost(gateway.url, json, large, true);
    expect(chunked.status).toBe(413);
    // A compressed body is limited by what it inflates to.
    const bomb = await rawPost(gateway.url, { ...json, 'content-encoding': 'gzip' }, zlib.gzipSync(large));
    expect(bomb.status).toBe(413);
  });

  it('refuses malformed JSON and a bare JSON value with 400, an unknown charset or encoding with 415', async () => {
    const malformed = await rawPost(gateway.url, json, '{"query": ');
    expect([malformed.status, codeOf(malformed)]).toEqual([400, 'BAD_REQUEST']);
    const bare = await rawPost(gateway.url, json, '"{ __typename }"');
    expect(bare.status).toBe(400);
    const latin1 = await rawPost(gateway.url, { 'content-type': 'application/json; charset=latin1' }, JSON.stringify({ query: PAGE }));
    expect([latin1.status, codeOf(latin1)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const zstd = await rawPost(gateway.url, { ...json, 'content-encoding': 'zstd' }, JSON.stringify({ query: PAGE }));
    expect(zstd.status).toBe(415);
  });

  it('leaves a non-JSON body to Apollo, whose CSRF prevention refuses a simple text/plain POST', async () => {
    const answer = await rawPost(gateway.url, { 'content-type': 'text/plain' }, JSON.stringify({ query: PAGE }));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Cross-Site Request Forgery');
  });

  it('is served on /graphql only: other paths still reach the Express routes', async () => {
    expect((await fetch(`${gateway.origin}/health`)).status).toBe(200);
    expect((await postGraphQL(`${gateway.origin}/GraphQL`, PAGE)).status).toBe(200);
    expect((await fetch(`${gateway.origin}/graphqlx`, { method: 'POST' })).status).toBe(404);
  });
});

describe('the client address, computed without Express', () => {
  /** Express's own `req.ip` for the same setting and request, to compare against. */
  async function expressIp(setting: boolean | number | string[], headers: Record<string, string>): Promise<{ expected: string; actual: string }> {
    const app = express();
    app.set('trust proxy', setting);
    const trust = app.get('trust proxy fn') as ProxyTrust;
    app.get('/', (req, res) => void res.json({ expected: req.ip, actual: clientAddressOf(req, trust) }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers });
      return (await response.json()) as { expected: string; actual: string };
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  it.each<[string, boolean | number | string[], string]>([
    ['no trusted proxy: the socket peer', false, '203.0.113.7, 198.51.100.1'],
    ['loopback trusted: the nearest forwarded hop', ['loopback'], '203.0.113.7, 198.51.100.1'],
    ['loopback and one range trusted: walks past it', ['loopback', '198.51.100.0/24'], '203.0.113.7, 198.51.100.1'],
    ['every hop trusted: the furthest one given', ['loopback', '198.51.100.0/24', '203.0.113.0/24'], '203.0.113.7 ,, 198.51.100.1'],
    ['a hop count', 2, '192.0.2.1, 203.0.113.7, 198.51.100.1'],
    ['trusted, nothing forwarded', ['loopback'], ''],
  ])('%s, as req.ip would say', async (_name, setting, forwarded) => {
    const { expected, actual } = await expressIp(setting, forwarded ? { 'x-forwarded-for': forwarded } : {});
    expect(actual).toBe(expected);
  });
});

describe('subgraph fetches', () => {
  it('reuse kept-alive connections and arm no per-fetch AbortSignal timer', async () => {
    // A relay in front of the courses subgraph counts the connections the gateway opens.
    let connections = 0;
    const target = Number(new URL(system.stack.subgraphUrls.courses).port);
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      connections += 1;
      const upstream = net.connect(target, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      sockets.add(client).add(upstream);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
    const viaRelay = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ eventLoopLagLimitMs: 0 }),
      subgraphUrls: { courses: `http://127.0.0.1:${(relay.address() as AddressInfo).port}/graphql` },
    });
    const timeoutSignal = jest.spyOn(AbortSignal, 'timeout');
    try {
      for (let i = 0; i < 20; i += 1) {
        const result = await postGraphQL(viaRelay.url, PAGE);
        expect(result.errors).toBeUndefined();
      }
      // One after another, so one connection serves them all.
      expect(connections).toBe(1);
      expect(timeoutSignal).not.toHaveBeenCalled();
    } finally {
      timeoutSignal.mockRestore();
      await viaRelay.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });
});
