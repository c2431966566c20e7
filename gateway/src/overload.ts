import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type ShedReason = 'in_flight' | 'event_loop_lag';

export interface LoadShedderOptions {
  /** Requests in flight before new ones are refused; 0 = no limit. */
  maxInFlight: number;
  /** Event-loop delay (worst in the last sample window) above which new requests are refused; 0 = off. */
  eventLoopLagLimitMs: number;
  retryAfterSeconds: number;
  /** Called once per shed request (metrics). */
  onShed?: (reason: ShedReason) => void;
  /** How often the event-loop delay is sampled. Default 500 ms. */
  sampleEveryMs?: number;
}

export interface LoadShedder {
  /** Admits the request (true) or answers it with 503 + Retry-After (false). */
  admit(req: IncomingMessage, res: ServerResponse): boolean;
  /** Starts watching the event loop; call once serving (start-up work must not count as lag). */
  start(): void;
  inFlight(): number;
  /** The event-loop delay seen in the last sample window, in ms. */
  eventLoopLagMs(): number;
  stop(): void;
}

/**
 * Refuses work the gateway cannot start promptly, instead of queueing it: a request beyond the
 * in-flight limit, or any request while the event loop is lagging, gets 503 + Retry-After at once.
 * Answered before the body is read, so a refusal costs next to nothing.
 */
export function createLoadShedder(options: LoadShedderOptions): LoadShedder {
  let inFlight = 0;
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
  const refuse = (res: ServerResponse, reason: ShedReason): false => {
    options.onShed?.(reason);
    res.writeHead(503, { 'retry-after': retryAfter, 'content-type': 'application/json; charset=utf-8' }).end(body);
    return false;
  };
  const finished = (): void => {
    inFlight -= 1;
  };

  const admit = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method === 'OPTIONS') return true;
    if (histogram && lagging()) return refuse(res, 'event_loop_lag');
    if (options.maxInFlight > 0 && inFlight >= options.maxInFlight) return refuse(res, 'in_flight');
    inFlight += 1;
    // 'close' fires once whether the response finished or the client went away.
    res.once('close', finished);
    return true;
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
    eventLoopLagMs: () => lagMs,
    stop() {
      if (sampler) clearInterval(sampler);
      histogram?.disable();
    },
  };
}
