import net from 'node:net';
import { postGraphQL, startSystem, type TestSystem } from './support/system';
import { edgeSettings, startEdgeGateway } from './support/edge';

// The README's catalogue query.
const CATALOGUE = `{ courses(first: 3) { edges { node { title instructor { name } assessments { title } lessons { title media { filename } } } } } }`;

interface Catalogue {
  courses: {
    edges: {
      node: {
        title: string;
        instructor: { name: string };
        assessments: { title: string }[] | null;
        lessons: { title: string; media: { filename: string }[] | null }[];
      };
    }[];
  };
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem({ seed: true });
}, 180_000);
afterAll(() => system?.stop());

describe('the media subgraph stopped', () => {
  it('answers every non-media field, with SUBGRAPH_UNAVAILABLE at the media paths and no topology in the answer', async () => {
    // A port nobody listens on: connections are refused, as for a stopped process.
    const closed = net.createServer();
    const deadPort = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const gateway = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ eventLoopLagLimitMs: 0 }),
      subgraphUrls: { media: `http://127.0.0.1:${deadPort}/graphql` },
    });
    try {
      const result = await postGraphQL<Catalogue>(gateway.url, CATALOGUE);
      expect(result.status).toBe(200);
      const courses = result.data!.courses.edges.map((edge) => edge.node);
      expect(courses.length).toBeGreaterThan(0);
      expect(courses.every((course) => course.title.length > 0 && course.instructor.name.length > 0)).toBe(true);
      expect(courses.some((course) => (course.assessments ?? []).length > 0)).toBe(true);
      const lessons = courses.flatMap((course) => course.lessons);
      expect(lessons.length).toBeGreaterThan(0);
      expect(lessons.every((lesson) => lesson.title.length > 0 && lesson.media === null)).toBe(true);

      expect(result.errors!.length).toBe(lessons.length);
      for (const error of result.errors!) {
        expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE' });
        expect(error.path).toEqual(['courses', 'edges', expect.any(Number), 'node', 'lessons', expect.any(Number), 'media']);
      }
      expect(result.text.match(/127\.0\.0\.1|localhost|serviceName|ECONNREFUSED|fetch failed|\bsubgraph\b/i)).toBeNull();
      expect(result.text).not.toContain(String(deadPort));
    } finally {
      await gateway.stop();
    }
  });
});

describe('the media subgraph paused (accepts connections, never answers)', () => {
  it('times out until the breaker opens; then fails fast without calling it, and closes again once it answers', async () => {
    // Like a SIGSTOPped process: the kernel accepts the connection, nothing ever replies.
    const sockets = new Set<net.Socket>();
    let requests = 0;
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    const silentPort = await listen(silent);
    // The silent server stands in for media; once "resumed", we point at the real one via a relay.
    let target = silentPort;
    const relay = net.createServer((client) => {
      // Requests, not connections: the HTTP client may keep a spare connection open.
      client.on('data', (chunk: Buffer) => {
        if (chunk.toString('latin1').startsWith('POST ')) requests += 1;
      });
      const upstream = net.connect(target, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      sockets.add(client);
      sockets.add(upstream);
    });
    const relayPort = await listen(relay);
    const gateway = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ eventLoopLagLimitMs: 0, breaker: { failures: 3, cooldownMs: 60_000 } }),
      subgraphUrls: { media: `http://127.0.0.1:${relayPort}/graphql` },
      subgraphTimeoutMs: 300,
    });
    const breaker = () => gateway.gateway.edge.breakers.get('media')!;
    try {
      for (let i = 0; i < 3; i += 1) {
        const result = await postGraphQL<Catalogue>(gateway.url, CATALOGUE);
        expect(result.status).toBe(200);
        expect(result.errors?.every((error) => error.extensions?.code === 'SUBGRAPH_UNAVAILABLE')).toBe(true);
      }
      expect(breaker().state).toBe('open');
      const requestsWhenOpened = requests;
      const rejectedBefore = breaker().rejected;

      for (let i = 0; i < 5; i += 1) {
        const result = await postGraphQL<Catalogue>(gateway.url, CATALOGUE);
        expect(result.status).toBe(200);
        expect(result.data!.courses.edges.length).toBeGreaterThan(0);
        expect(result.errors?.every((error) => error.extensions?.code === 'SUBGRAPH_UNAVAILABLE')).toBe(true);
      }
      // Failing fast: five more client requests, not one more request to the silent subgraph.
      expect(requests).toBe(requestsWhenOpened);
      expect(breaker().rejected).toBe(rejectedBefore + 5);

      // media "resumes": the relay now reaches the real subgraph; after the cool-down one trial closes the breaker.
      target = Number(new URL(system.stack.subgraphUrls.media).port);
      for (const socket of sockets) socket.destroy();
      // Skip the 60 s cool-down rather than wait for it.
      (breaker() as unknown as { openUntil: number }).openUntil = 0;
      const recovered = await postGraphQL<Catalogue>(gateway.url, CATALOGUE);
      expect(recovered.errors).toBeUndefined();
      expect(breaker().state).toBe('closed');
    } finally {
      await gateway.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });
});
