export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  failures: number;
  /** How long an open breaker refuses before letting one trial request through. */
  cooldownMs: number;
  now?: () => number;
  onChange?: (state: BreakerState) => void;
}

/**
 * A circuit breaker for one subgraph. Closed: requests pass, consecutive failures are counted.
 * Open: requests are refused at once (no socket, no timeout) until the cool-down ends. Half-open:
 * one trial request passes; its success closes the breaker, its failure opens it again.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openUntil = 0;
  private trialInFlight = false;
  /** Requests refused without calling the subgraph, since start (tests and metrics read it). */
  rejected = 0;

  constructor(private readonly options: BreakerOptions) {}

  get state(): BreakerState {
    return this.current;
  }

  /** Whether a request may go to the subgraph now; call `succeeded`/`failed` after it. */
  allow(): boolean {
    if (this.current === 'closed') return true;
    const now = (this.options.now ?? Date.now)();
    if (this.current === 'open' && now >= this.openUntil) this.moveTo('half_open');
    if (this.current === 'half_open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    this.rejected += 1;
    return false;
  }

  succeeded(): void {
    this.consecutiveFailures = 0;
    this.trialInFlight = false;
    if (this.current !== 'closed') this.moveTo('closed');
  }

  /**
   * The request ended without saying anything about the subgraph's health: it refused the request
   * itself (4xx, an invalid operation: the client's fault), or it timed out while the gateway itself
   * was stalled. Neither a success nor a failure; only a half-open trial slot is given back.
   */
  inconclusive(): void {
    this.trialInFlight = false;
  }

  failed(): void {
    this.trialInFlight = false;
    this.consecutiveFailures += 1;
    if (this.current === 'half_open' || this.consecutiveFailures >= this.options.failures) {
      this.openUntil = (this.options.now ?? Date.now)() + this.options.cooldownMs;
      if (this.current !== 'open') this.moveTo('open');
    }
  }

  private moveTo(state: BreakerState): void {
    this.current = state;
    this.options.onChange?.(state);
  }
}
