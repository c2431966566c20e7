/**
 * Consumer lag and dead letters on a service's /metrics registry, from the embedded bus: lag is
 * the log end minus the group's committed position; dead letters are counted by topic and group.
 */
import { PermanentFailure, openEmbeddedBus, type EventBus } from '../../src/events';
import { groupsOfService, observeEventBus, ServiceMetrics } from '../../src/observability';
import { deferred, enrolled, temporaryDirectory, uniqueTopic, waitFor } from './fixtures';

let directory: Awaited<ReturnType<typeof temporaryDirectory>>;
let bus: EventBus;
beforeEach(async () => {
  directory = await temporaryDirectory('consumer-metrics');
  bus = await openEmbeddedBus({ directory: directory.path, fsync: false });
});
afterEach(async () => {
  await bus.close();
  await directory.remove();
});

async function sample(metrics: ServiceMetrics, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  const values = (metric?.values ?? []) as { value: number; labels: Record<string, string | number> }[];
  return values.find((value) => Object.entries(labels).every(([key, expected]) => String(value.labels[key]) === expected))?.value;
}

describe('consumer metrics', () => {
  it('event_consumer_lag_messages: log end minus the committed position, back to 0 once handled', async () => {
    const metrics = new ServiceMetrics('courses');
    observeEventBus(metrics, bus, { groups: groupsOfService('courses') });
    const topic = uniqueTopic('lag');
    const release = deferred();
    const handled: string[] = [];
    const subscription = await bus.subscribe({
      groupId: 'courses.lag-probe',
      topics: [topic],
      fromBeginning: true,
      handler: async (message) => {
        await release.promise;
        handled.push(message.offset);
      },
    });
    try {
      await bus.publish(
        topic,
        [1, 2, 3].map((n) => ({ key: 'c-1', event: enrolled('c-1', n) })),
      );
      const lag = () => sample(metrics, 'event_consumer_lag_messages', { group: 'courses.lag-probe', topic, partition: '0' });
      // The first message is held in its handler: nothing committed yet, three behind.
      expect(await lag()).toBe(3);
      release.resolve();
      await waitFor('all handled', () => handled.length === 3);
      await waitFor('lag back to 0', async () => (await lag()) === 0);
    } finally {
      await subscription.stop();
    }
  });

  it('event_dead_letters_total by topic and group; other services’ groups stay off this registry', async () => {
    const metrics = new ServiceMetrics('assessments');
    observeEventBus(metrics, bus, { groups: groupsOfService('assessments') });
    const topic = uniqueTopic('dlq');
    const failing = (groupId: string) =>
      bus.subscribe({
        groupId,
        topics: [topic],
        fromBeginning: true,
        handler: async () => {
          throw new PermanentFailure('cannot apply');
        },
      });
    const subscriptions = [await failing('assessments.projection'), await failing('courses.other')];
    try {
      await bus.publish(topic, [
        { key: 'c-1', event: enrolled('c-1', 1) },
        { key: 'c-2', event: enrolled('c-2', 2) },
      ]);
      const dead = () => sample(metrics, 'event_dead_letters_total', { topic, group: 'assessments.projection' });
      await waitFor('two dead letters', async () => (await dead()) === 2);
      await waitFor('the other group dead-lettered too', async () =>
        (await bus.consumerStats!()).deadLettered.some((entry) => entry.group === 'courses.other' && entry.count === 2),
      );
      expect(await sample(metrics, 'event_dead_letters_total', { group: 'courses.other' })).toBeUndefined();
      expect(await metrics.registry.metrics()).toContain(`event_dead_letters_total{topic="${topic}",group="assessments.projection",service="assessments"} 2`);
    } finally {
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    }
  });
});
