import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEvent, createOutboxRelay, newId, openDocumentStore, openEmbeddedBus, withOutbox, type StoredDocument } from '@skillgraph/platform';
import { observeOutboxRelay, ServiceMetrics } from '@skillgraph/platform/src/observability';
import { parsePrometheus, sampleValue } from '../../../gateway/test/support/prometheus';

interface Enrollment extends StoredDocument {
  user_id: string;
  course_id: string;
}

describe('outbox metrics', () => {
  it('show the backlog and its age while events wait, and zero once the relay has published them', async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'skillgraph-outbox-metrics-'));
    const store = await openDocumentStore({ inMemory: true });
    const bus = await openEmbeddedBus({ directory: scratch, fsync: false });
    try {
      const enrollments = await store.collection<Enrollment>({ name: 'enrollments' });
      const relay = createOutboxRelay({ bus, sources: [enrollments as never] });
      const metrics = new ServiceMetrics('courses');
      observeOutboxRelay(metrics, relay);
      for (let i = 0; i < 3; i += 1) {
        const doc: Enrollment = { _id: newId(), user_id: newId(), course_id: 'c1' };
        await enrollments.insertOne(
          withOutbox(doc, [createEvent('COURSE_ENROLLED', { user_id: doc.user_id, course_id: doc.course_id, course_title: 'Graphs' })]),
        );
      }
      const waiting = parsePrometheus(await metrics.registry.metrics());
      expect(sampleValue(waiting, 'outbox_backlog_events')).toBe(3);
      expect(sampleValue(waiting, 'outbox_oldest_event_age_seconds')).toBeGreaterThanOrEqual(0);
      expect(sampleValue(waiting, 'outbox_published_events')).toBe(0);

      expect(await relay.flush()).toBe(3);
      const done = parsePrometheus(await metrics.registry.metrics());
      expect(sampleValue(done, 'outbox_backlog_events')).toBe(0);
      expect(sampleValue(done, 'outbox_oldest_event_age_seconds')).toBe(0);
      expect(sampleValue(done, 'outbox_published_events')).toBe(3);
    } finally {
      await bus.close();
      await store.close();
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
