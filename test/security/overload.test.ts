import net from 'node:net';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { postGraphQL, startSystem, type TestSystem } from '../../gateway/test/support/system';
import { edgeSettings, startEdgeGateway, waitFor } from '../../gateway/test/support/edge';

const PAGE = '{ courses(first: 1) { edges { cursor } } }';
const NO_RATE_LIMITS = { windowSeconds: 60, perClient: 0, perUser: 0 };
// One failure opens the breaker, and it stays open for the whole test: any failure counted shows.
const TRIGGER_HAPPY_BREAKER = { failures: 1, cooldownMs: 600_000 };

/**
 * The courses subgraph's behaviour, switched per test: answer normally, block this whole process
 * (the gateway's too, the stack runs in-process) before answering, or hold the answer without
 * blocking anything until released.
 */
function coursesBehaviour() {
  let mode: 'normal' | 'block-process' | 'hold' = 'normal';
  let release: () => void = () => {};
  let released = Promise.resolve();
  let answered = 0;
  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      if (mode === 'hold') await released;
      return {
        async willSendResponse() {
          if (mode === 'block-process') {
            // 3 s of busy loop inside the gateway's process during the request, in six pieces with
            // a timer turn between them (as a loaded gateway's loop goes: long stretches of work,
            // timers firing in between); the subgraph's answer is written right after it.
            for (let piece = 0; piece < 6; piece += 1) {
              const until = Date.now() + 500;
              while (Date.now() < until);
              await new Promise((resolve) => setTimeout(resolve, 0));
            }
          }
          answered += 1;
        },
      };
    },
  };
  return {
    plugin,
    answered: () => answered,
    set(next: typeof mode) {
      mode = next;
      if (next === 'hold') released = new Promise<void>((resolve) => (release = resolve));
      else release();
    },
  };
}

let system: TestSystem;
const courses = coursesBehaviour();

beforeAll(async () => {
  system = await startSystem({ subgraphPlugins: { courses: [courses.plugin] } });
}, 120_000);
afterAll(async () => {
  courses.set('normal');
  await system?.stop();
});

describe("overload: the gateway's own lag is never blamed on a subgraph", () => {
  it('a subgraph that answered while the gateway was blocked for 3 s does not open its breaker', async () => {
    const gateway = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ breaker: TRIGGER_HAPPY_BREAKER, maxInFlight: 0, eventLoopLagLimitMs: 0, rateLimits: NO_RATE_LIMITS }),
      subgraphTimeoutMs: 1000,
    });
    try {
      expect((await postGraphQL(gateway.url, PAGE)).errors).toBeUndefined();
      const answeredBefore = courses.answered();
      courses.set('block-process');
      const stalled = await postGraphQL(gateway.url, PAGE);
      courses.set('normal');
      // The subgraph did answer; whatever the gateway made of that late read, the breaker stays closed.
      await waitFor(() => courses.answered() === answeredBefore + 1, 30_000, 'the courses subgraph to answer');
      expect(stalled.status).toBe(200);
      expect(gateway.gateway.edge.breakers.get('courses')?.state).toBe('closed');
      const after = await postGraphQL(gateway.url, PAGE);
      expect(after.errors).toBeUndefined();
      expect(after.data).toEqual({ courses: { edges: expect.any(Array) } });
    } finally {
      courses.set('normal');
      await gateway.stop();
    }
  }, 60_000);

  it('a subgraph that really does not answer in time still opens its breaker', async () => {
    const gateway = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ breaker: TRIGGER_HAPPY_BREAKER, maxInFlight: 0, eventLoopLagLimitMs: 0, rateLimits: NO_RATE_LIMITS }),
      subgraphTimeoutMs: 1500,
    });
    try {
      courses.set('hold');
      const timedOut = await postGraphQL(gateway.url, PAGE);
      expect(timedOut.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(gateway.gateway.edge.breakers.get('courses')?.state).toBe('open');
    } finally {
      courses.set('normal');
      await gateway.stop();
    }
  }, 60_000);
});

/** Sends `head` one byte per second; resolves true once the server closed the socket. */
function dribble(port: number, head: string, ceilingMs: number): Promise<{ closed: boolean; answer: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let index = 0;
    let timer: NodeJS.Timeout | undefined;
    const ceiling = setTimeout(() => finish(false), ceilingMs);
    const finish = (closed: boolean): void => {
      clearInterval(timer);
      clearTimeout(ceiling);
      socket.destroy();
      resolve({ closed, answer });
    };
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => finish(true));
    socket.on('error', () => {});
    socket.on('connect', () => {
      timer = setInterval(() => {
        if (index < head.length) socket.write(head[index++]!);
      }, 1000);
    });
  });
}

// Far longer than any limit under test: the server must cut the client off long before it ends.
const ENDLESS_HEAD = `GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`;

describe('case 9: a client dribbling its request headers is cut off', () => {
  it('the gateway closes the connection once its headers timeout passes', async () => {
    const gateway = await startEdgeGateway(system.stack, {
      edge: edgeSettings({ http: { headersTimeoutMs: 1000, requestTimeoutMs: 2000, keepAliveTimeoutMs: 1000 }, rateLimits: NO_RATE_LIMITS }),
    });
    try {
      const port = Number(new URL(gateway.url).port);
      // The ceiling only bounds the test on a starved machine; the head would take minutes to send.
      const result = await dribble(port, ENDLESS_HEAD, 45_000);
      expect(result.closed).toBe(true);
      expect(result.answer).not.toContain('200 OK');
    } finally {
      await gateway.stop();
    }
  }, 60_000);

  it('a subgraph server closes the connection once its headers timeout passes (HTTP_HEADERS_TIMEOUT_MS)', async () => {
    const saved = { headers: process.env.HTTP_HEADERS_TIMEOUT_MS, request: process.env.HTTP_REQUEST_TIMEOUT_MS };
    process.env.HTTP_HEADERS_TIMEOUT_MS = '1000';
    process.env.HTTP_REQUEST_TIMEOUT_MS = '2000';
    let short: TestSystem | undefined;
    try {
      short = await startSystem();
      const port = Number(new URL(short.stack.subgraphUrls.courses).port);
      const result = await dribble(port, ENDLESS_HEAD, 45_000);
      expect(result.closed).toBe(true);
      expect(result.answer).not.toContain('200 OK');
    } finally {
      process.env.HTTP_HEADERS_TIMEOUT_MS = saved.headers;
      process.env.HTTP_REQUEST_TIMEOUT_MS = saved.request;
      if (saved.headers === undefined) delete process.env.HTTP_HEADERS_TIMEOUT_MS;
      if (saved.request === undefined) delete process.env.HTTP_REQUEST_TIMEOUT_MS;
      await short?.stop();
    }
  }, 120_000);
});
