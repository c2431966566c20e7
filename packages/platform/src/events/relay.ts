import type { Collection, StoredDocument } from '../documents/port';
import type { Logger } from '../logger';
import type { EventBus, OutgoingMessage } from './bus';
import { type StagedEvent, pendingEvents, pendingOutboxFilter, pendingOutboxOrder, pullPublished } from './outbox';

/**
 * The outbox relay: finds documents with staged events, publishes them (in order per key), and
 * only after the bus acknowledged them pulls exactly those events out of their documents. A crash
 * between the two steps republishes them later: duplicates are possible, losses are not.
 *
 * It runs on a short poll AND whenever `notify()` is called after a local write. While the bus
 * fails it retries with capped exponential backoff (ignoring nudges, so a failing broker is not
 * hammered) and the backlog simply grows in the documents.
 *
 * Order: events of one document go out in the order they were staged; across documents, in order
 * of staging time (same-millisecond ties are unordered), also under a backlog larger than a batch:
 * each source is read oldest staged event first. Staging an aggregate's events in that
 * aggregate's document, keyed by its id, therefore keeps each key in order. Run one relay per set
 * of collections; a second one would not lose anything but would publish duplicates.
 */

export interface OutboxRelayOptions {
  bus: EventBus;
  /** The collections whose documents carry outboxes. */
  sources: Collection<StoredDocument>[];
  logger?: Logger;
  /** Look for staged events this often when nobody nudged (default 500 ms). */
  pollIntervalMs?: number;
  /** At most this many events per publish round (default 500). */
  batchSize?: number;
  /** First retry delay after a failure, doubled each time (default 200 ms)... */
  backoffMs?: number;
  /** ...up to this (default 30 s). */
  maxBackoffMs?: number;
}

export interface OutboxBacklog {
  /** Events staged and not yet acknowledged by the bus. */
  count: number;
  /** Age of the oldest of them; 0 when there are none. */
  oldestAgeMs: number;
}

export interface RelayStatus {
  running: boolean;
  /** Events acknowledged since start. */
  published: number;
  consecutiveFailures: number;
  lastError?: string;
}

export interface OutboxRelay {
  start(): void;
  /** Publish soon: call after a write that staged events. */
  notify(): void;
  backlog(): Promise<OutboxBacklog>;
  status(): RelayStatus;
  /** Publishes until nothing is pending; rejects on the first failure. Returns how many went out. */
  flush(): Promise<number>;
  /** Finishes the round in progress, then stops. */
  stop(): Promise<void>;
}

interface Pending {
  source: Collection<StoredDocument>;
  docId: string;
  staged: StagedEvent;
}

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { bus, sources, logger, pollIntervalMs = 500, batchSize = 500, backoffMs = 200, maxBackoffMs = 30_000 } = options;
  const state: RelayStatus = { running: false, published: 0, consecutiveFailures: 0 };
  let lock: Promise<unknown> = Promise.resolve();
  let loop: Promise<void> | undefined;
  let endPause: (() => void) | undefined;
  let pauseIsInterruptible = false;
  let nudged = false;

  /** Rounds never overlap, whether started by the loop or by flush(). */
  const exclusive = <R>(work: () => Promise<R>): Promise<R> => {
    const run = lock.then(work);
    lock = run.catch(() => undefined);
    return run;
  };

  const collect = async (): Promise<Pending[]> => {
    const pending: Pending[] = [];
    for (const source of sources) {
      for (const doc of await source.find(pendingOutboxFilter, { sort: pendingOutboxOrder, limit: batchSize })) {
        for (const staged of pendingEvents(doc)) pending.push({ source, docId: doc._id, staged });
      }
    }
    // Stable: a document's events keep their array order among equal timestamps.
    return pending.sort((a, b) => a.staged.staged_at - b.staged.staged_at).slice(0, batchSize);
  };

  /** One round; returns how many events were acknowledged and marked. */
  const round = async (): Promise<number> => {
    const pending = await collect();
    if (pending.length === 0) return 0;
    const byTopic = new Map<string, Pending[]>();
    for (const item of pending) byTopic.set(item.staged.topic, [...(byTopic.get(item.staged.topic) ?? []), item]);
    const results = await Promise.allSettled(
      [...byTopic].map(async ([topic, items]) => {
        // The staging request's trace context travels as headers, so consumers continue its trace.
        const messages: OutgoingMessage[] = items.map(({ staged }) => ({
          key: staged.key,
          event: staged.event,
          ...(staged.trace_context ? { headers: staged.trace_context } : {}),
        }));
        await bus.publish(topic, messages);
        return items;
      }),
    );
    const acknowledged = results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
    await markPublished(acknowledged);
    state.published += acknowledged.length;
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
    return acknowledged.length;
  };

  const markPublished = async (items: Pending[]): Promise<void> => {
    const byDocument = new Map<Collection<StoredDocument>, Map<string, string[]>>();
    for (const { source, docId, staged } of items) {
      const documents = byDocument.get(source) ?? new Map<string, string[]>();
      byDocument.set(source, documents);
      documents.set(docId, [...(documents.get(docId) ?? []), staged.event_id]);
    }
    await Promise.all(
      [...byDocument].flatMap(([source, documents]) => [...documents].map(([docId, ids]) => source.updateOne({ _id: docId }, pullPublished(ids)))),
    );
  };

  /** Waits `ms`; stop() always ends it early, notify() only when `interruptible`. */
  const pause = (ms: number, interruptible: boolean): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        endPause = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      endPause = done;
      pauseIsInterruptible = interruptible;
      if (interruptible && nudged) done();
    });

  const run = async (): Promise<void> => {
    while (state.running) {
      nudged = false;
      let delay = pollIntervalMs;
      try {
        const sent = await exclusive(round);
        state.consecutiveFailures = 0;
        delete state.lastError;
        if (sent > 0) delay = 0;
      } catch (error) {
        state.consecutiveFailures += 1;
        state.lastError = error instanceof Error ? error.message : String(error);
        const base = Math.min(backoffMs * 2 ** (state.consecutiveFailures - 1), maxBackoffMs);
        delay = Math.round(base * (0.8 + Math.random() * 0.4));
        logger?.warn({ err: error, failures: state.consecutiveFailures, retryInMs: delay }, 'outbox relay could not publish; will retry');
      }
      if (state.running && delay > 0) await pause(delay, state.consecutiveFailures === 0);
    }
  };

  return {
    start() {
      if (state.running) return;
      state.running = true;
      loop = run();
    },
    notify() {
      nudged = true;
      if (pauseIsInterruptible) endPause?.();
    },
    async backlog() {
      let count = 0;
      let oldest = Infinity;
      for (const source of sources) {
        for (const doc of await source.find(pendingOutboxFilter)) {
          for (const staged of pendingEvents(doc)) {
            count += 1;
            oldest = Math.min(oldest, staged.staged_at);
          }
        }
      }
      return { count, oldestAgeMs: count === 0 ? 0 : Math.max(0, Date.now() - oldest) };
    },
    status: () => ({ ...state }),
    async flush() {
      let total = 0;
      for (let sent = await exclusive(round); sent > 0; sent = await exclusive(round)) total += sent;
      return total;
    },
    async stop() {
      state.running = false;
      endPause?.();
      await loop;
      loop = undefined;
    },
  };
}
