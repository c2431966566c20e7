import net from 'node:net';
import { postGraphQL, startSystem, type TestSystem } from './support/system';
import { edgeSettings, startEdgeGateway } from './support/edge';
import { sampleValue, scrape } from './support/prometheus';

const APP = 'https://app.skillgraph.example';
const PAGE = 'query CataloguePage { courses(first: 2) { edges { node { title instructor { name } } } } }';

let system: TestSystem;
let gateway: Awaited<ReturnType<typeof startEdgeGateway>>;

beforeAll(async () => {
  system = await startSystem({ seed: true });
  gateway = await startEdgeGateway(system.stack, { edge: edgeSettings({ eventLoopLagLimitMs: 0, cors: { origins: [APP], credentials: false } }) });
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  await system?.stop();
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(gateway.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });

  it('answers a preflight from an allowed origin, without credentials', async () => {
    const response = await preflight(APP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives another origin no CORS header, on the preflight or the request', async () => {
    const response = await preflight('https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(gateway.url, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: PAGE }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('labels the allowed origin on the actual request', async () => {
    const post = await fetch(gateway.url, {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'application/json' },
      body: JSON.stringify({ query: PAGE }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('keeps CSRF prevention: a simple GET without a preflight-forcing header is refused', async () => {
    const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ courses(first: 1) { edges { cursor } } }')}`, { headers: { origin: APP } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF|preflight/i);
  });
});

describe('/ready', () => {
  it('is 200 when the supergraph is loaded and every subgraph is ready', async () => {
    const response = await fetch(`${gateway.origin}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready', schemaLoaded: true });
  });

  it('is 503 naming the subgraph that is not, without its address', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const degraded = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ eventLoopLagLimitMs: 0 }),
      subgraphUrls: { media: `http://127.0.0.1:${port}/graphql` },
    });
    try {
      const response = await fetch(`${degraded.origin}/ready`);
      const text = await response.text();
      expect(response.status).toBe(503);
      expect(JSON.parse(text)).toMatchObject({ status: 'unavailable', unavailable: ['media'] });
      expect(text).not.toContain(String(port));
    } finally {
      await degraded.stop();
    }
  });
});

describe('/metrics', () => {
  it('parses as Prometheus text and moves with requests, refusals and subgraph fetches', async () => {
    const before = await scrape(`${gateway.origin}/metrics`);
    const subgraphBefore = await scrape(new URL('/metrics', system.stack.subgraphUrls.courses).href);
    const ok = await postGraphQL(gateway.url, PAGE);
    expect(ok.status).toBe(200);
    const refused = await postGraphQL(gateway.url, `{ course(id: "c") { ${'instructor { coursesTaught { '.repeat(10)} id ${'} } '.repeat(10)} } }`);
    expect(refused.status).toBe(400);
    const after = await scrape(`${gateway.origin}/metrics`);
    const subgraphAfter = await scrape(new URL('/metrics', system.stack.subgraphUrls.courses).href);

    const delta = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta('graphql_requests_total', { operation: 'CataloguePage', outcome: 'success' })).toBe(1);
    expect(delta('graphql_request_duration_seconds_count', { operation: 'CataloguePage', outcome: 'success' })).toBe(1);
    expect(delta('graphql_requests_total', { operation: 'anonymous', outcome: 'refused' })).toBe(1);
    expect(delta('gateway_limit_refusals_total', { limit: 'MAX_DEPTH_EXCEEDED' })).toBe(1);
    expect(delta('gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'courses', outcome: 'success' })).toBeGreaterThanOrEqual(1);
    expect(delta('gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'users', outcome: 'success' })).toBeGreaterThanOrEqual(1);
    expect(after.some((sample) => sample.name === 'nodejs_eventloop_lag_p99_seconds' && sample.labels.service === 'gateway')).toBe(true);
    expect(after.some((sample) => sample.name === 'gateway_subgraph_breaker_state' && sample.labels.subgraph === 'media')).toBe(true);

    const subgraphDelta =
      sampleValue(subgraphAfter, 'graphql_requests_total', { outcome: 'success', service: 'courses' }) -
      sampleValue(subgraphBefore, 'graphql_requests_total', { outcome: 'success', service: 'courses' });
    expect(subgraphDelta).toBeGreaterThanOrEqual(1);
  });

  it("each subgraph's /metrics shows the lag of its own consumer groups (and only those)", async () => {
    const assessments = await scrape(new URL('/metrics', system.stack.subgraphUrls.assessments).href);
    const lag = assessments.filter((sample) => sample.name === 'event_consumer_lag_messages');
    expect(lag.map((sample) => sample.labels.group)).toEqual(expect.arrayContaining(['assessments.course-view', 'assessments.enrollment-view']));
    expect(lag.every((sample) => sample.labels.group!.startsWith('assessments.') && sample.value >= 0)).toBe(true);
    expect(assessments.some((sample) => sample.name === 'event_consumer_lag_messages' && sample.labels.group === 'notifications.mailer')).toBe(false);
  });

  it('counts shed requests', async () => {
    const tight = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ eventLoopLagLimitMs: 0, rateLimits: { windowSeconds: 60, perClient: 1, perUser: 0 } }),
    });
    try {
      await postGraphQL(tight.url, PAGE);
      expect((await fetch(tight.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PAGE }) })).status).toBe(
        429,
      );
      expect(sampleValue(await scrape(`${tight.origin}/metrics`), 'gateway_shed_requests_total', { reason: 'rate_limit_client' })).toBe(1);
    } finally {
      await tight.stop();
    }
  });

  it('is not served on the public port when not configured (the production default)', async () => {
    const production = await startEdgeGateway(system.stack, { edge: edgeSettings({ eventLoopLagLimitMs: 0, metricsPublic: false }) });
    try {
      expect((await fetch(`${production.origin}/metrics`)).status).toBe(404);
    } finally {
      await production.stop();
    }
  });
});
