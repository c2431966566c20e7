import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type ShedReason = 'in_flight' | 'queue_timeout' | 'event_loop_lag';

export interface LoadShedderOptions {
  /** Ceiling of the adaptive in-flight limit; 0 = no limit (and no queue). */
  maxInFlight: number;
  /** Floor of the adaptive limit: it never shrinks below this. Default 4 (or maxInFlight if lower). */
  minInFlight?: number;
  /** Where the adaptive limit starts. Default 16 (or maxInFlight if lower). */
  initialInFlight?: number;
  /**
   * Latency of an accepted request above which the limit shrinks (multiplicatively); 0 = no
   * adaptation: the limit is `maxInFlight` throughout.
   */
  targetLatencyMs: number;
  /** Requests that may wait for a slot once the limit is reached; more are refused at once. */
  queueSize: number;
  /** A request that waited this long for a slot is refused (503) rather than served late. */
  queueTimeoutMs: number;
  /**
   * How long a refusal decided on arrival (no slot and no room in the queue, or lag) is held
   * before the 503 goes out; 0 = at once. See `createLoadShedder` for why.
   */
  refusalDelayMs?: number;
  /** Event-loop delay (worst in the last sample window) above which new requests are refused; 0 = off. */
  eventLoopLagLimitMs: number;
  retryAfterSeconds: number;
  /** Called once per shed request (metrics). */
  onShed?: (reason: ShedReason) => void;
  /** How often the event-loop delay is sampled. Default 500 ms. */
  sampleEveryMs?: number;
  /** Milliseconds clock (tests drive it). Default `performance.now`. */
  now?: () => number;
}

export interface LoadShedder {
  /**
   * Runs `proceed` now (a slot is free), later (after a short wait in the queue), or never: the
   * request is then answered 503 + Retry-After. The slot is held until the response closes.
   */
  admit(req: IncomingMessage, res: ServerResponse, proceed: () => void): void;
  /** Starts watching the event loop; call once serving (start-up work must not count as lag). */
  start(): void;
  inFlight(): number;
  /** Requests waiting for a slot. */
  queued(): number;
  /** The current adaptive in-flight limit (Infinity when there is none). */
  limit(): number;
  /** The event-loop delay seen in the last sample window, in ms. */
  eventLoopLagMs(): number;
  stop(): void;
}

interface Waiter {
  res: ServerResponse;
  /** When it arrived (the `now` clock): its deadline is counted from here. */
  arrivedAt: number;
  proceed: () => void;
  timer: NodeJS.Timeout;
  leave: () => void;
}

/**
 * Admission control for the gateway: a bounded amount of work in flight, so what is accepted
 * finishes fast, and a fast 503 + Retry-After for the rest.
 *
 * The in-flight limit adapts to observed latency (AIMD): an accepted request that took longer than
 * the target shrinks the limit by 10%, at most once per request generation (only requests admitted
 * after the last decrease can trigger the next, so one slow burst does not collapse the limit), and
 * every request that finished within the target while the limit was in use grows it by 1/limit
 * (about +1 per limit's worth of completions). On a busy or slow machine the limit settles where
 * accepted requests still finish within the target; on a fast one it climbs to the ceiling.
 * Requests beyond the limit wait in a short FIFO queue; one that waited past the queue deadline,
 * or that finds the queue full, is refused instead of being served late. The deadline is checked
 * again when a slot frees: on a lagging loop the deadline timer itself fires late, and a waiter
 * found past its deadline then is refused rather than started.
 *
 * A refusal decided on arrival is held for `refusalDelayMs` (a short tarpit) before it is sent.
 * Clients that resend at once after a 503 (closed-loop load, clients ignoring Retry-After) would
 * otherwise keep every connection's next request waiting in the socket buffers, and every loop
 * turn would read, parse and refuse hundreds of them; an accepted operation needs many turns (a
 * turn per subgraph hop), a refusal one. Held in one batch behind one timer, a refused
 * connection sends nothing more meanwhile, so turns stay short for the accepted work, while a
 * refusal still goes out well within the refusal-latency goal.
 *
 * Hand-written: the well-known adaptive limiters (Netflix concurrency-limits, Envoy's adaptive
 * concurrency filter) are Java or proxy features; the npm packages found either cap concurrency at
 * a fixed number (p-limit) or shed on event-loop lag only (under-pressure, for Fastify). The
 * algorithm is a few lines and is tested with a fake clock (gateway/test/admission.test.ts).
 */
export function createLoadShedder(options: LoadShedderOptions): LoadShedder {
  const now = options.now ?? (() => performance.now());
  const ceiling = options.maxInFlight > 0 ? options.maxInFlight : Infinity;
  const floor = Math.min(options.minInFlight ?? 4, ceiling);
  // Started low and grown from evidence: starting at the ceiling would admit a burst that
  // takes many slow generations to shrink away.
  const adaptive = options.targetLatencyMs > 0;
  let limit = adaptive ? Math.max(floor, Math.min(options.initialInFlight ?? 16, ceiling)) : ceiling;
  let inFlight = 0;
  let lastDecreaseAt = -Infinity;
  const queue: Waiter[] = [];
  let lagMs = 0;
  let laggingWindows = 0;
  const histogram = options.eventLoopLagLimitMs > 0 ? monitorEventLoopDelay({ resolution: 10 }) : undefined;
  let sampler: NodeJS.Timeout | undefined;
  const sample = (): void => {
    if (!histogram) return;
    // The worst delay of the window: a stall means requests queued behind it.
    lagMs = histogram.count > 0 ? histogram.max / 1e6 : 0;
    laggingWindows = lagMs > options.eventLoopLagLimitMs ? laggingWindows + 1 : 0;
    histogram.reset();
  };
  // Shed only when the loop lags in two windows in a row: overload persists, while a single stall
  // (a schema reload, a long GC) is over by the time anyone could be told to come back later.
  const lagging = (): boolean => laggingWindows >= 2;
  // Built once: refusals are the hot path under overload.
  const body = JSON.stringify({ errors: [{ message: 'The service is busy. Try again shortly.', extensions: { code: 'SERVICE_OVERLOADED' } }] });
  const retryAfter = String(options.retryAfterSeconds);
  const headers = { 'retry-after': retryAfter, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) };
  const send503 = (res: ServerResponse): void => {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(503, headers).end(body);
  };
  const refuse = (res: ServerResponse, reason: ShedReason): void => {
    options.onShed?.(reason);
    send503(res);
  };
  // The tarpit: refusals held in arrival order, flushed by one timer (not one timer each).
  const refusalDelayMs = options.refusalDelayMs ?? 0;
  const held: { res: ServerResponse; due: number }[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  const flushHeld = (): void => {
    flushTimer = undefined;
    const at = now();
    let sent = 0;
    while (sent < held.length && held[sent]!.due <= at) send503(held[sent++]!.res);
    held.splice(0, sent);
    if (held.length > 0) scheduleFlush();
  };
  const scheduleFlush = (): void => {
    if (flushTimer || held.length === 0) return;
    flushTimer = setTimeout(flushHeld, Math.max(1, held[0]!.due - now()));
  };
  const refuseLater = (res: ServerResponse, reason: ShedReason): void => {
    if (refusalDelayMs <= 0) return refuse(res, reason);
    options.onShed?.(reason);
    held.push({ res, due: now() + refusalDelayMs });
    scheduleFlush();
  };

  const adapt = (startedAt: number, inFlightAtStart: number): void => {
    if (ceiling === Infinity || !adaptive) return;
    const latency = now() - startedAt;
    if (latency > options.targetLatencyMs) {
      if (startedAt >= lastDecreaseAt) {
        limit = Math.max(floor, Math.floor(limit * 0.9));
        lastDecreaseAt = now();
      }
    } else if (inFlightAtStart >= limit / 2) {
      // Grow only while the limit is what holds requests back, not on an idle gateway.
      limit = Math.min(ceiling, limit + 1 / limit);
    }
  };

  const run = (res: ServerResponse, proceed: () => void): void => {
    inFlight += 1;
    const startedAt = now();
    const inFlightAtStart = inFlight;
    // 'close' fires once whether the response finished or the client went away.
    res.once('close', () => {
      inFlight -= 1;
      adapt(startedAt, inFlightAtStart);
      next();
    });
    proceed();
  };

  const next = (): void => {
    while (queue.length > 0 && inFlight < Math.floor(limit)) {
      const waiter = queue.shift()!;
      clearTimeout(waiter.timer);
      waiter.res.off('close', waiter.leave);
      // Its deadline timer may not have run yet on a lagging loop: past the deadline is refused, not started late.
      if (now() - waiter.arrivedAt >= options.queueTimeoutMs) refuse(waiter.res, 'queue_timeout');
      else run(waiter.res, waiter.proceed);
    }
  };

  const enqueue = (res: ServerResponse, proceed: () => void): void => {
    const waiter: Waiter = {
      res,
      arrivedAt: now(),
      proceed,
      // Per waiter, so the refusal goes out at its deadline even when no slot frees meanwhile.
      timer: setTimeout(() => {
        remove(waiter);
        refuse(res, 'queue_timeout');
      }, options.queueTimeoutMs),
      // A client that gave up while waiting frees its place.
      leave: () => {
        clearTimeout(waiter.timer);
        remove(waiter);
      },
    };
    waiter.timer.unref();
    res.once('close', waiter.leave);
    queue.push(waiter);
  };
  const remove = (waiter: Waiter): void => {
    const index = queue.indexOf(waiter);
    if (index !== -1) queue.splice(index, 1);
    waiter.res.off('close', waiter.leave);
  };

  const admit = (req: IncomingMessage, res: ServerResponse, proceed: () => void): void => {
    if (req.method === 'OPTIONS') return proceed();
    if (histogram && lagging()) return refuseLater(res, 'event_loop_lag');
    if (inFlight < Math.floor(limit) && queue.length === 0) return run(res, proceed);
    if (queue.length < options.queueSize) return enqueue(res, proceed);
    refuseLater(res, 'in_flight');
  };

  return {
    admit,
    start() {
      if (!histogram || sampler) return;
      histogram.enable();
      sampler = setInterval(sample, options.sampleEveryMs ?? 500);
      sampler.unref();
    },
    inFlight: () => inFlight,
    queued: () => queue.length,
    limit: () => limit,
    eventLoopLagMs: () => lagMs,
    stop() {
      if (sampler) clearInterval(sampler);
      histogram?.disable();
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = undefined;
      for (const { res } of held.splice(0)) send503(res);
      for (const waiter of queue.splice(0)) {
        clearTimeout(waiter.timer);
        refuse(waiter.res, 'in_flight');
      }
    },
  };
}
