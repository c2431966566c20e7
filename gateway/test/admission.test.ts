import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLoadShedder, type LoadShedderOptions, type ShedReason } from '../src/overload';

/** A response that records what was written; `finish()` ends it as the server would ('close'). */
class FakeResponse extends EventEmitter {
  status?: number;
  headers: Record<string, string> = {};
  body?: string;
  headersSent = false;
  destroyed = false;
  writeHead(status: number, headers: Record<string, string>): this {
    this.status = status;
    this.headers = headers;
    this.headersSent = true;
    return this;
  }
  end(body?: string): this {
    this.body = body;
    this.finish();
    return this;
  }
  finish(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('close');
  }
}

const request = { method: 'POST' } as IncomingMessage;

/** A shedder on a clock the test moves; the queue deadline timers are jest's fake timers. */
function harness(overrides: Partial<LoadShedderOptions> = {}) {
  let clock = 0;
  const shed: ShedReason[] = [];
  const shedder = createLoadShedder({
    maxInFlight: 100,
    minInFlight: 2,
    initialInFlight: 2,
    targetLatencyMs: 100,
    queueSize: 1,
    queueTimeoutMs: 50,
    refusalDelayMs: 0,
    eventLoopLagLimitMs: 0,
    retryAfterSeconds: 3,
    onShed: (reason) => shed.push(reason),
    now: () => clock,
    ...overrides,
  });
  const started: FakeResponse[] = [];
  const send = (): FakeResponse => {
    const res = new FakeResponse();
    shedder.admit(request, res as unknown as ServerResponse, () => started.push(res));
    return res;
  };
  return {
    shedder,
    shed,
    started,
    send,
    advance(ms: number) {
      clock += ms;
      jest.advanceTimersByTime(ms);
    },
    /** Time passes but no timer runs: a loop too busy to run them yet. */
    lag(ms: number) {
      clock += ms;
    },
  };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('admission: in flight is bounded, waiting is bounded', () => {
  it('runs up to the limit, queues one more, refuses the rest at once with 503 + Retry-After', () => {
    const h = harness();
    const [a, b, c, d] = [h.send(), h.send(), h.send(), h.send()];
    expect(h.started).toEqual([a, b]);
    expect(h.shedder.inFlight()).toBe(2);
    expect(h.shedder.queued()).toBe(1);
    expect(c.status).toBeUndefined();
    expect(d.status).toBe(503);
    expect(d.headers['retry-after']).toBe('3');
    expect(JSON.parse(d.body!)).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'SERVICE_OVERLOADED' } }] });
    expect(h.shed).toEqual(['in_flight']);
  });

  it('refuses a request that waited past its deadline with 503 + Retry-After instead of serving it late', () => {
    const h = harness();
    const [a] = [h.send(), h.send()];
    const late = h.send();
    h.advance(49);
    expect(late.status).toBeUndefined();
    h.advance(1);
    expect(late.status).toBe(503);
    expect(late.headers['retry-after']).toBe('3');
    expect(h.shed).toEqual(['queue_timeout']);
    // The slot that frees afterwards does not start the refused request.
    a!.finish();
    expect(h.started).not.toContain(late);
    expect(h.shedder.queued()).toBe(0);
  });

  it('starts a queued request when a slot frees before its deadline', () => {
    const h = harness();
    const [a] = [h.send(), h.send()];
    const waiting = h.send();
    h.advance(20);
    a!.finish();
    expect(h.started).toContain(waiting);
    h.advance(100);
    expect(waiting.status).toBeUndefined();
    expect(h.shedder.inFlight()).toBe(2);
  });

  it('refuses a waiter found past its deadline when a slot frees, even though its deadline timer has not run yet', () => {
    const h = harness();
    const [a] = [h.send(), h.send()];
    const late = h.send();
    h.lag(80);
    expect(late.status).toBeUndefined();
    a!.finish();
    expect(h.started).not.toContain(late);
    expect(late.status).toBe(503);
    expect(h.shed).toEqual(['queue_timeout']);
    expect(h.shedder.inFlight()).toBe(1);
  });

  it('holds a refusal decided on arrival for the refusal delay, then answers 503 + Retry-After (a tarpit)', () => {
    const h = harness({ refusalDelayMs: 30 });
    h.send();
    h.send();
    h.send();
    const first = h.send();
    h.advance(10);
    const second = h.send();
    h.advance(19);
    // Counted as shed at once, answered only when held long enough.
    expect(h.shed).toEqual(['in_flight', 'in_flight']);
    expect(first.status).toBeUndefined();
    h.advance(1);
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('3');
    expect(JSON.parse(first.body!)).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'SERVICE_OVERLOADED' } }] });
    expect(second.status).toBeUndefined();
    h.advance(10);
    expect(second.status).toBe(503);
    // A held client that hung up gets nothing written.
    const gone = h.send();
    gone.finish();
    h.advance(30);
    expect(gone.status).toBeUndefined();
  });

  it('answers held refusals when the shedder stops', () => {
    const h = harness({ refusalDelayMs: 1000 });
    h.send();
    h.send();
    h.send();
    const held = h.send();
    h.shedder.stop();
    expect(held.status).toBe(503);
  });

  it('forgets a queued request whose client went away', () => {
    const h = harness();
    h.send();
    h.send();
    const gone = h.send();
    gone.finish();
    expect(h.shedder.queued()).toBe(0);
    const next = h.send();
    expect(next.status).toBeUndefined();
    expect(h.shedder.queued()).toBe(1);
  });
});

describe('admission: the limit follows observed latency', () => {
  it('shrinks once per generation when accepted requests are slower than the target, never below the floor', () => {
    const h = harness({ initialInFlight: 20, minInFlight: 4, queueSize: 0 });
    const first = Array.from({ length: 20 }, () => h.send());
    h.advance(500);
    // Twenty slow completions admitted under the same limit: one decrease, not twenty.
    for (const res of first) res.finish();
    expect(h.shedder.limit()).toBe(18);
    for (let generation = 0; generation < 50; generation += 1) {
      const batch = Array.from({ length: Math.floor(h.shedder.limit()) }, () => h.send());
      h.advance(500);
      for (const res of batch) res.finish();
    }
    expect(h.shedder.limit()).toBe(4);
    // In flight stays within the limit whatever arrives.
    const burst = Array.from({ length: 10 }, () => h.send());
    expect(burst.filter((res) => res.status === 503)).toHaveLength(6);
    expect(h.shedder.inFlight()).toBe(4);
  });

  it('grows while requests finish within the target and the limit is in use, up to the ceiling', () => {
    const h = harness({ maxInFlight: 8, initialInFlight: 4, minInFlight: 2, queueSize: 0 });
    for (let round = 0; round < 200; round += 1) {
      const batch = Array.from({ length: Math.floor(h.shedder.limit()) }, () => h.send());
      h.advance(10);
      for (const res of batch) res.finish();
    }
    expect(h.shedder.limit()).toBe(8);
  });
});

describe('admission without adaptation (targetLatencyMs 0, the default under NODE_ENV=test)', () => {
  it('admits up to maxInFlight from the start, and slow answers do not shrink the limit', () => {
    const h = harness({ targetLatencyMs: 0, maxInFlight: 5 });
    expect(h.shedder.limit()).toBe(5);
    const first = Array.from({ length: 5 }, () => h.send());
    expect(h.started).toHaveLength(5);
    h.advance(10_000);
    for (const res of first) res.finish();
    expect(h.shedder.limit()).toBe(5);
    Array.from({ length: 5 }, () => h.send());
    expect(h.started).toHaveLength(10);
    expect(h.shed).toEqual([]);
  });
});
