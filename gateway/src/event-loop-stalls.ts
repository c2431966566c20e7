/**
 * How long the gateway's own event loop was stalled, as a running total: a timer that should fire
 * every `intervalMs` adds whatever it was late by. The difference between two readings is the
 * time in between during which the gateway could not have read a socket, whatever was on it.
 *
 * A running total rather than `monitorEventLoopDelay`'s histogram: the question asked of it is
 * "how much of this fetch's time was the gateway's own lag", which a histogram of the last window
 * cannot answer for a fetch that spans several windows.
 */
export interface EventLoopStalls {
  /** Milliseconds the loop has been stalled since `start`, including a stall still in progress. */
  stalledMs(): number;
  start(): void;
  stop(): void;
}

export function createEventLoopStalls(intervalMs = 20, now: () => number = () => performance.now()): EventLoopStalls {
  let total = 0;
  let lastTick = now();
  let timer: NodeJS.Timeout | undefined;
  // Timer jitter of a millisecond or two per tick is not a stall; only lateness beyond it counts.
  const jitterMs = 5;
  const lateness = (at: number): number => Math.max(0, at - lastTick - intervalMs - jitterMs);
  return {
    stalledMs: () => total + lateness(now()),
    start() {
      if (timer) return;
      lastTick = now();
      timer = setInterval(() => {
        const at = now();
        total += lateness(at);
        lastTick = at;
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
