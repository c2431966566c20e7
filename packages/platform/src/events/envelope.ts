import { newId } from '../ids';
import { type EventOf, type EventType, type PayloadOf, catalogueEntry } from './catalogue';
import { sealEvent } from './validate';

export interface CreateEventOptions {
  /** The publishing service; defaults to the producer the catalogue names for the type. */
  producer?: string;
  /** When the change happened; defaults to now. */
  at?: Date;
  /** Fixed id, for tests and replays; defaults to a new UUIDv7 (time-ordered). */
  eventId?: string;
}

/**
 * Wraps a payload in the envelope (`event_id`, `event_type`, `timestamp` in UTC, `version`,
 * `producer`) and validates the result: an invalid event fails here, inside the mutation, before
 * any state is written. The event is frozen: what was validated is what gets published.
 */
export function createEvent<T extends EventType>(type: T, payload: PayloadOf<T>, options: CreateEventOptions = {}): EventOf<T> {
  const definition = catalogueEntry(type);
  // Widened on purpose: spreading the generic payload type makes the compiler expand every schema.
  const fields: object = payload;
  const event: Record<string, unknown> = {
    event_id: options.eventId ?? newId(),
    event_type: type,
    timestamp: (options.at ?? new Date()).toISOString(),
    version: definition.version,
    producer: options.producer ?? definition.producer,
    ...fields,
  };
  return sealEvent(event) as unknown as EventOf<T>;
}
