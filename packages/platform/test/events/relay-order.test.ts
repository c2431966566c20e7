/**
 * Under a backlog larger than one batch, the relay publishes across documents in staging order:
 * it reads the oldest staged events first rather than whichever documents the engine returns first.
 */
import { type StoredDocument, openNedbStore } from '../../src/documents';
import { type EventBus, type OutgoingMessage, createOutboxRelay, withOutbox } from '../../src/events';
import { enrolled, temporaryDirectory } from './fixtures';

/** Records what would have been published, in order; nothing else. */
function recordingBus(published: OutgoingMessage[]): EventBus {
  return {
    kind: 'embedded',
    async publish(_topic, messages) {
      published.push(...messages);
    },
    async subscribe() {
      throw new Error('not used');
    },
    async close() {},
  };
}

/** Waits for the clock to move on, so two stagings get distinct staging times. */
async function nextMillisecond(): Promise<void> {
  const start = Date.now();
  while (Date.now() === start) await new Promise((resolve) => setImmediate(resolve));
}

describe.each([
  ['in memory', false],
  ['on files', true],
])('relay order across documents (nedb %s)', (_label, onFiles) => {
  test('with a batch of one, documents go out oldest staged first, not in the engine order', async () => {
    const directory = onFiles ? await temporaryDirectory('relay-order') : undefined;
    const store = await openNedbStore(directory ? { directory: directory.path } : {});
    try {
      const courses = await store.collection<StoredDocument>({ name: 'courses' });
      // Ids sort against staging time: the engine returns c-a, c-b, c-c; they were staged c, b, a.
      for (const id of ['c-c', 'c-b', 'c-a']) {
        await courses.insertOne(withOutbox({ _id: id }, [enrolled(id, 1)]));
        await nextMillisecond();
      }
      expect((await courses.find({})).map((doc) => doc._id)).toEqual(['c-a', 'c-b', 'c-c']);

      const published: OutgoingMessage[] = [];
      const relay = createOutboxRelay({ bus: recordingBus(published), sources: [courses], batchSize: 1 });
      expect(await relay.flush()).toBe(3);
      expect(published.map((message) => message.key)).toEqual(['c-c', 'c-b', 'c-a']);
    } finally {
      await store.close();
      await directory?.remove();
    }
  });
});
