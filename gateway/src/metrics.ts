import { Gauge } from 'prom-client';
import { ServiceMetrics } from '@skillgraph/platform/src/observability';
import type { BreakerState } from './breaker';

const BREAKER_LEVEL: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/** The gateway's registry: the operation metrics every service has, plus what only the edge sees. */
export function createGatewayMetrics() {
  const metrics = new ServiceMetrics('gateway');
  const breakerState = new Gauge({
    name: 'gateway_subgraph_breaker_state',
    help: 'Circuit breaker per subgraph: 0 closed, 1 half-open, 2 open.',
    labelNames: ['subgraph'],
    registers: [metrics.registry],
  });
  return {
    service: metrics,
    subgraphFetchDuration: metrics.histogram('gateway_subgraph_fetch_duration_seconds', 'Subgraph fetch latency by subgraph and outcome.', [
      'subgraph',
      'outcome',
    ]),
    subgraphFetchErrors: metrics.counter(
      'gateway_subgraph_fetch_errors_total',
      'Subgraph fetches that failed (unreachable, timed out, refused by an open breaker).',
      ['subgraph', 'reason'],
    ),
    limitRefusals: metrics.counter('gateway_limit_refusals_total', 'Operations refused by an operation limit, by limit.', ['limit']),
    shedRequests: metrics.counter('gateway_shed_requests_total', 'Requests refused to protect the gateway (503 overload, 429 rate limits), by reason.', [
      'reason',
    ]),
    breakerChanged(subgraph: string, state: BreakerState): void {
      breakerState.set({ subgraph }, BREAKER_LEVEL[state]);
    },
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
