import { Gauge } from 'prom-client';
import type { OutboxRelay } from '../events/relay';
import type { ServiceMetrics } from './metrics';

/**
 * Outbox metrics for one relay, read when Prometheus scrapes (no timers, no work between scrapes):
 * `outbox_backlog_events`, `outbox_oldest_event_age_seconds`, `outbox_published_events`,
 * `outbox_relay_consecutive_failures`. Call once per relay with its subgraph's registry.
 */
export function observeOutboxRelay(metrics: ServiceMetrics, relay: Pick<OutboxRelay, 'backlog' | 'status'>): void {
  const registers = [metrics.registry];
  let lastBacklog: Promise<{ count: number; oldestAgeMs: number }> | undefined;
  // One backlog query per scrape, shared by the two gauges that need it.
  const backlog = () => (lastBacklog ??= relay.backlog().finally(() => setImmediate(() => (lastBacklog = undefined))));
  new Gauge({
    name: 'outbox_backlog_events',
    help: 'Events staged in the outbox and not yet acknowledged by the bus.',
    registers,
    async collect() {
      this.set((await backlog()).count);
    },
  });
  new Gauge({
    name: 'outbox_oldest_event_age_seconds',
    help: 'Age of the oldest event still waiting in the outbox (0 when empty).',
    registers,
    async collect() {
      this.set((await backlog()).oldestAgeMs / 1000);
    },
  });
  new Gauge({
    name: 'outbox_published_events',
    help: 'Events the relay has had acknowledged since start.',
    registers,
    collect() {
      this.set(relay.status().published);
    },
  });
  new Gauge({
    name: 'outbox_relay_consecutive_failures',
    help: 'Publish rounds failed in a row (0 when the bus is healthy).',
    registers,
    collect() {
      this.set(relay.status().consecutiveFailures);
    },
  });
}
