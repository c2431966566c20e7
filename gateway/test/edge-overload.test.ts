import type { ChildProcess } from 'node:child_process';
import { spawnTracked, stopGroup } from '../../test/support/child-processes';
import net from 'node:net';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { postGraphQL, startSystem, type TestSystem } from './support/system';
import { edgeSettings, startEdgeGateway, waitFor } from './support/edge';

const PAGE = '{ courses(first: 1) { edges { cursor } } }';
const NO_RATE_LIMITS = { windowSeconds: 60, perClient: 0, perUser: 0 };

/** Holds every courses-subgraph operation while closed, so requests stay in flight as long as the test wants. */
function gate() {
  let open: () => void = () => {};
  let opened = Promise.resolve();
  let held = 0;
  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      held += 1;
      await opened;
      held -= 1;
    },
  };
  return {
    plugin,
    held: () => held,
    close() {
      opened = new Promise<void>((resolve) => (open = resolve));
    },
    open: () => open(),
  };
}

const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: PAGE }) });

let system: TestSystem;
const coursesGate = gate();

beforeAll(async () => {
  system = await startSystem({ subgraphPlugins: { courses: [coursesGate.plugin] } });
}, 180_000);
afterAll(() => system?.stop());

describe('in-flight limit', () => {
  it('sheds requests beyond the limit with 503 + Retry-After without queueing them, serves the held ones, then serves normally', async () => {
    const gateway = await startEdgeGateway(system.stack, {
      // No queue: the excess is refused at once (waiting in the queue is tested in admission.test.ts).
      edge: edgeSettings({
        maxInFlight: 3,
        admission: { targetLatencyMs: 300, queueSize: 0, queueTimeoutMs: 200, refusalDelayMs: 50 },
        eventLoopLagLimitMs: 0,
        retryAfterSeconds: 2,
        rateLimits: NO_RATE_LIMITS,
      }),
    });
    try {
      coursesGate.close();
      const held = [post(gateway.url), post(gateway.url), post(gateway.url)];
      await waitFor(() => coursesGate.held() === 3, 60_000, 'three requests held in the courses subgraph');
      const excess = await Promise.all(Array.from({ length: 5 }, () => post(gateway.url)));
      for (const response of excess) {
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('2');
        expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SERVICE_OVERLOADED');
      }
      expect(coursesGate.held()).toBe(3);
      coursesGate.open();
      for (const response of await Promise.all(held)) expect(response.status).toBe(200);
      await waitFor(() => gateway.gateway.edge.shedder.inFlight() === 0, 60_000, 'in-flight count back to zero');
      const after = await postGraphQL(gateway.url, PAGE);
      expect(after.status).toBe(200);
      expect(after.errors).toBeUndefined();
    } finally {
      coursesGate.open();
      await gateway.stop();
    }
  });
});

/**
 * Blocks this process's event loop (the gateway's) for `stallMs`, frees it for a moment, and
 * again, until stopped. Stall plus gap is shorter than the lag monitor's 500 ms window, so every
 * window holds a whole stall whichever way its timers fall: the lag persists, however long a
 * request takes meanwhile.
 */
function stallRepeatedly(stallMs: number, gapMs: number): () => Promise<void> {
  let running = true;
  const done = (async () => {
    while (running) {
      const until = Date.now() + stallMs;
      while (Date.now() < until);
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
  })();
  return async () => {
    running = false;
    await done;
  };
}

describe('event-loop lag', () => {
  it('sheds with 503 while the loop keeps lagging, and serves again once it recovers', async () => {
    const gateway = await startEdgeGateway(system.stack, { edge: edgeSettings({ maxInFlight: 0, eventLoopLagLimitMs: 300, rateLimits: NO_RATE_LIMITS }) });
    let stopStalling: (() => Promise<void>) | undefined;
    try {
      // The delay monitor needs a first sample window before it can see a stall.
      await waitFor(() => gateway.gateway.edge.shedder.eventLoopLagMs() > 0, 60_000, 'the lag monitor to sample');
      // One stall is forgiven; stalls in window after window are overload. The loop lags
      // continuously from here on, so once two windows have been seen any request is shed: wait
      // for that answer rather than for a number of seconds.
      stopStalling = stallRepeatedly(450, 20);
      let shed: Response | undefined;
      for (let attempt = 0; attempt < 30 && !shed; attempt += 1) {
        const response = await post(gateway.url);
        if (response.status === 503) shed = response;
        else await response.body?.cancel();
      }
      expect(shed).toBeDefined();
      expect(shed!.headers.get('retry-after')).toBe('1');
      expect(((await shed!.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SERVICE_OVERLOADED');
      await stopStalling();
      stopStalling = undefined;
      await waitFor(async () => (await post(gateway.url)).status === 200, 60_000, 'service after the lag');
    } finally {
      await stopStalling?.();
      await gateway.stop();
    }
  }, 120_000);
});

describe('rate limits', () => {
  it('per client address: the excess gets 429 + Retry-After; other clients are unaffected; served again after the window', async () => {
    const gateway = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ eventLoopLagLimitMs: 0, trustedProxies: ['loopback'], rateLimits: { windowSeconds: 1, perClient: 3, perUser: 0 } }),
    });
    try {
      const fromA = { 'x-forwarded-for': '203.0.113.7' };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await post(gateway.url, fromA)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await post(gateway.url, fromA);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
      expect((await post(gateway.url, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
      await waitFor(async () => (await post(gateway.url, fromA)).status === 200, 60_000, 'client A served after the window');
    } finally {
      await gateway.stop();
    }
  });

  it('X-Forwarded-For is ignored unless the proxy is trusted: one socket address is one client', async () => {
    const gateway = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ eventLoopLagLimitMs: 0, rateLimits: { windowSeconds: 60, perClient: 2, perUser: 0 } }),
    });
    try {
      const statuses = [];
      for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) statuses.push((await post(gateway.url, { 'x-forwarded-for': address })).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await gateway.stop();
    }
  });

  it('per user: a signed-in user over their budget gets 429 RATE_LIMITED with Retry-After', async () => {
    const gateway = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ eventLoopLagLimitMs: 0, rateLimits: { windowSeconds: 60, perClient: 0, perUser: 2 } }),
    });
    try {
      const [alice, bob] = [await system.register(), await system.register()];
      const asUser = (token: string) => postGraphQL(gateway.url, PAGE, {}, { token });
      expect((await asUser(alice.accessToken)).status).toBe(200);
      expect((await asUser(alice.accessToken)).status).toBe(200);
      const refused = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.accessToken}` },
        body: JSON.stringify({ query: PAGE }),
      });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await asUser(bob.accessToken)).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});

describe('rate limits in Redis', () => {
  let redis: ChildProcess | undefined;
  let redisUrl: string;

  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    redis = spawnTracked('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    redisUrl = `redis://127.0.0.1:${port}`;
    await waitFor(
      () =>
        new Promise<boolean>((resolve) => {
          const socket = net.connect(port, '127.0.0.1', () => {
            socket.end();
            resolve(true);
          });
          socket.on('error', () => resolve(false));
        }),
      60_000,
      'redis-server to listen',
    );
  });
  afterAll(async () => {
    if (redis) await stopGroup(redis);
  });

  it('two gateway replicas draw from one budget per client', async () => {
    const settings = edgeSettings({ eventLoopLagLimitMs: 0, rateLimits: { windowSeconds: 60, perClient: 4, perUser: 0, redisUrl } });
    const [first, second] = [await startEdgeGateway(system.stack, { edge: settings }), await startEdgeGateway(system.stack, { edge: settings })];
    try {
      // Until connected, each replica counts in its own memory (the insurance limiter).
      await waitFor(() => first.gateway.edge.rateLimitStoreReady() && second.gateway.edge.rateLimitStoreReady(), 60_000, 'both replicas connected to Redis');
      const statuses = [];
      for (const gateway of [first, second, first, second, first, second]) statuses.push((await post(gateway.url)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
