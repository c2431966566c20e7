import type { Filter, SortSpec, StoredDocument, Update } from '../documents/port';
import { traceHeaders } from '../observability/tracing';
import { type AnyEvent, keyOf, topicOf } from './catalogue';
import { OUTBOX_FIELD, mergeUpdates } from './document-fields';
import type { Topic } from './topics';
import { assertValidEvent } from './validate';

/**
 * The transactional outbox on the document-store port. The embedded engine only makes
 * single-document writes atomic, so events are staged INSIDE the aggregate's own document, in
 * the same insertOne/updateOne that changes its state: either both commit or neither does, on
 * both engines. The relay (relay.ts) publishes them and then pulls exactly the acknowledged ones.
 *
 *   await courses.insertOne(withOutbox(course, [createEvent('COURSE_CREATED', {...})]));
 *   await courses.updateOne({ _id }, outboxPush([createEvent('COURSE_PUBLISHED', {...})], { $set: { status } }));
 *   relay.notify();
 */

export interface StagedEvent {
  event_id: string;
  topic: Topic;
  key: string;
  /** Milliseconds since the epoch when staged; orders events across documents. */
  staged_at: number;
  event: AnyEvent;
  /**
   * W3C trace headers (`traceparent`, `tracestate`) of the request that staged the event, absent
   * when it was not traced; the relay sends them as message headers.
   */
  trace_context?: Record<string, string>;
}

/** Validates and stages events with their topic and key from the catalogue. */
function stage(events: readonly AnyEvent[]): StagedEvent[] {
  const now = Date.now();
  const trace = traceHeaders();
  return events.map((candidate) => {
    const event = assertValidEvent(candidate);
    // A plain copy: events from createEvent are frozen, and a driver may adjust what it is given.
    const staged: StagedEvent = {
      event_id: event.event_id,
      topic: topicOf(event.event_type),
      key: keyOf(event),
      staged_at: now,
      event: structuredClone(event),
    };
    return Object.keys(trace).length > 0 ? { ...staged, trace_context: { ...trace } } : staged;
  });
}

/** The document to insert, carrying `events` so they commit with it. */
export function withOutbox<T extends StoredDocument>(doc: T, events: readonly AnyEvent[]): T {
  const already = (doc as Record<string, unknown>)[OUTBOX_FIELD];
  const pending = Array.isArray(already) ? (already as StagedEvent[]) : [];
  return { ...doc, [OUTBOX_FIELD]: [...pending, ...stage(events)] };
}

/** `update` plus staging `events` in the same single-document write. */
export function outboxPush(events: readonly AnyEvent[], update: Update = {}): Update {
  if (events.length === 0) return update;
  return mergeUpdates(update, { $push: { [OUTBOX_FIELD]: { $each: stage(events) } } });
}

/** Matches documents with at least one staged event (works on nedb and MongoDB alike). */
export const pendingOutboxFilter: Filter = { [`${OUTBOX_FIELD}.0`]: { $exists: true } };

/**
 * Documents whose oldest staged event is oldest first: the relay reads in this order, so under a
 * backlog bigger than one batch the earliest events go out first instead of whichever the engine
 * happens to return. (A document's events are staged in time order, so its first is its oldest.)
 */
export const pendingOutboxOrder: SortSpec = { [`${OUTBOX_FIELD}.0.staged_at`]: 1 };

export function pendingEvents(doc: StoredDocument): StagedEvent[] {
  const staged = (doc as unknown as Record<string, unknown>)[OUTBOX_FIELD];
  return Array.isArray(staged) ? (staged as StagedEvent[]) : [];
}

/** Removes exactly the acknowledged events; anything staged meanwhile stays. */
export function pullPublished(eventIds: readonly string[]): Update {
  return { $pull: { [OUTBOX_FIELD]: { event_id: { $in: [...eventIds] } } } };
}
