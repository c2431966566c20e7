/** The embedded bus's durable log files and committed group positions. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type DeliveredMessage, EventBusError, openEmbeddedBus } from '../../src/events';
import { TopicLog, topicLogFile } from '../../src/events/event-log';
import { enrolled, temporaryDirectory, waitFor } from './fixtures';

describe('embedded event log', () => {
  let directory: Awaited<ReturnType<typeof temporaryDirectory>>;
  beforeEach(async () => {
    directory = await temporaryDirectory('event-log');
  });
  afterEach(async () => directory.remove());

  const file = (topic = 'course.events') => topicLogFile(directory.path, topic);

  test('is one JSON line per record, offsets are line numbers, and it survives reopening', async () => {
    const log = await TopicLog.openForAppend(file());
    const values = Array.from({ length: 600 }, (_, i) => ({ n: i }));
    await log.append(values.slice(0, 300).map((value) => ({ key: 'k', value })));
    await log.append(values.slice(300).map((value) => ({ key: 'k', value, headers: { h: 'v' } })));
    await log.close();

    const lines = (await fs.readFile(file(), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(600);
    expect(JSON.parse(lines[299]!)).toMatchObject({ offset: 299, key: 'k', value: { n: 299 } });

    const reopened = await TopicLog.openForAppend(file());
    expect(reopened.endOffset).toBe(600);
    // Read back from disk across index blocks (every 256 lines).
    expect((await reopened.read(250, 20)).map((record) => record.value)).toEqual(values.slice(250, 270));
    expect((await reopened.read(590, 50)).map((record) => record.offset)).toEqual([590, 591, 592, 593, 594, 595, 596, 597, 598, 599]);
    await reopened.append([{ key: null, value: { n: 600 } }]);
    expect((await reopened.read(600, 1))[0]).toMatchObject({ offset: 600, key: null, value: { n: 600 } });
    await reopened.close();
  });

  test('finds the first offset at or after a time', async () => {
    const log = await TopicLog.openForAppend(file());
    await log.append(Array.from({ length: 300 }, (_, i) => ({ key: 'k', value: { n: i } })));
    await sleep(20);
    const middle = new Date();
    await sleep(20);
    await log.append(Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: { n: 300 + i } })));
    expect(await log.offsetForTime(middle)).toBe(300);
    expect(await log.offsetForTime(new Date(0))).toBe(0);
    expect(await log.offsetForTime(new Date(Date.now() + 60_000))).toBe(310);
    await log.close();
  });

  test('repairs a torn last line left by a crash mid-write; a follower never reads it', async () => {
    const log = await TopicLog.openForAppend(file());
    await log.append([{ key: 'k', value: { n: 0 } }]);
    await log.close();
    await fs.appendFile(file(), '{"offset":1,"timestamp":1,"key":"k","val');

    const follower = await TopicLog.openForReading(file());
    expect(follower.endOffset).toBe(1);
    const writer = await TopicLog.openForAppend(file());
    expect(writer.endOffset).toBe(1);
    await writer.append([{ key: 'k', value: { n: 1 } }]);
    expect(await follower.refresh()).toBe(2);
    expect((await follower.read(0, 10)).map((record) => record.value)).toEqual([{ n: 0 }, { n: 1 }]);
    await Promise.all([writer.close(), follower.close()]);
  });

  test('a follower in another handle sees appends as they happen', async () => {
    const writer = await TopicLog.openForAppend(file());
    const follower = await TopicLog.openForReading(file());
    for (let i = 0; i < 5; i += 1) {
      await writer.append([{ key: 'k', value: { n: i } }]);
      await follower.refresh();
      expect((await follower.read(i, 10)).map((record) => record.value)).toEqual([{ n: i }]);
    }
    await Promise.all([writer.close(), follower.close()]);
  });

  test('refuses topic names that could escape the folder', () => {
    expect(() => topicLogFile(directory.path, '../etc/passwd')).toThrow(EventBusError);
    expect(() => topicLogFile(directory.path, '..')).toThrow(EventBusError);
  });

  test('the embedded bus keeps group positions and the log across restarts', async () => {
    const events = [1, 2, 3].map((n) => enrolled('c-1', n));
    let bus = await openEmbeddedBus({ directory: directory.path });
    await bus.publish('course.events', events.slice(0, 2).map((event) => ({ key: 'c-1', event })));
    const seen: DeliveredMessage[] = [];
    const handler = async (message: DeliveredMessage) => void seen.push(message);
    await bus.subscribe({ groupId: 'g', topics: ['course.events'], fromBeginning: true, handler });
    await waitFor('two messages', () => seen.length === 2);
    await bus.close();
    expect(JSON.parse(await fs.readFile(path.join(directory.path, 'groups', 'g.json'), 'utf8'))).toEqual({ 'course.events': 2 });

    bus = await openEmbeddedBus({ directory: directory.path });
    await bus.publish('course.events', [{ key: 'c-1', event: events[2]! }]);
    await bus.subscribe({ groupId: 'g', topics: ['course.events'], fromBeginning: true, handler });
    await waitFor('the third message', () => seen.length === 3);
    expect(seen.map((message) => message.offset)).toEqual(['0', '1', '2']);
    await bus.close();
    await expect(bus.publish('course.events', [{ key: 'c-1', event: events[0]! }])).rejects.toThrow(EventBusError);
  });
});
