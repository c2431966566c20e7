import { Counter, Gauge } from 'prom-client';
import type { ConsumerStats, EventBus } from '../events/bus';
import type { ServiceMetrics } from './metrics';

export interface ObserveEventBusOptions {
  /**
   * Which consumer groups belong to this service. Several services share one bus in the embedded
   * mode, and group ids start with the service name (`assessments.course-view`); default: all.
   */
  groups?: (group: string) => boolean;
}

/** The groups of one service: its name, then `.` or `-` (`assessments.course-view`, `media-worker`). */
export const groupsOfService =
  (service: string) =>
  (group: string): boolean =>
    group === service || group.startsWith(`${service}.`) || group.startsWith(`${service}-`);

/**
 * Consumer metrics of a bus, read when Prometheus scrapes: `event_dead_letters_total` (messages
 * sent to `<topic>.dlq`, by source topic and group) and `event_consumer_lag_messages` (messages not
 * yet committed, by group, topic and partition, where the bus can tell). A bus without
 * `consumerStats` adds nothing.
 */
export function observeEventBus(metrics: ServiceMetrics, bus: Pick<EventBus, 'consumerStats'>, options: ObserveEventBusOptions = {}): void {
  if (!bus.consumerStats) return;
  const registers = [metrics.registry];
  const belongs = options.groups ?? (() => true);
  let lastStats: Promise<ConsumerStats> | undefined;
  // One read of the bus per scrape, shared by both metrics.
  const stats = () => (lastStats ??= bus.consumerStats!().finally(() => setImmediate(() => (lastStats = undefined))));
  new Counter({
    name: 'event_dead_letters_total',
    help: 'Messages a consumer group gave up on and sent to the dead-letter topic, by source topic and group.',
    labelNames: ['topic', 'group'],
    registers,
    async collect() {
      this.reset();
      for (const entry of (await stats()).deadLettered) if (belongs(entry.group)) this.inc({ topic: entry.topic, group: entry.group }, entry.count);
    },
  });
  new Gauge({
    name: 'event_consumer_lag_messages',
    help: 'Messages not yet committed by a consumer group, by topic and partition (embedded: log end minus committed position).',
    labelNames: ['group', 'topic', 'partition'],
    registers,
    async collect() {
      this.reset();
      for (const entry of (await stats()).lag) {
        if (belongs(entry.group)) this.set({ group: entry.group, topic: entry.topic, partition: String(entry.partition) }, entry.messages);
      }
    },
  });
}
