import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { type AnyEvent, type EventType, EVENT_TYPES, eventCatalogue, isEventType } from './catalogue';

/** An event that does not match its schema; `problems` lists every mismatch, one per line. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
  constructor(
    readonly eventType: string,
    readonly problems: string[],
  ) {
    super(`invalid ${eventType} event: ${problems.join('; ')}`);
  }
}

export type EventValidation = { ok: true; event: AnyEvent } | { ok: false; error: InvalidEventError };

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv, ['uuid', 'date-time', 'email']);
// Compiled on first use: start-up stays cheap for services that only produce a few types.
const validators = new Map<EventType, ValidateFunction>();

function validatorFor(type: EventType): ValidateFunction {
  let validator = validators.get(type);
  if (!validator) {
    validator = ajv.compile(eventCatalogue[type].schema);
    validators.set(type, validator);
  }
  return validator;
}

/** Checks anything received or about to be sent against the schema its `event_type` names. */
export function validateEvent(value: unknown): EventValidation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: new InvalidEventError('(unknown)', ['the message is not a JSON object']) };
  }
  const type = (value as { event_type?: unknown }).event_type;
  if (!isEventType(type)) {
    return { ok: false, error: new InvalidEventError(String(type), [`event_type must be one of ${EVENT_TYPES.join(', ')}`]) };
  }
  const validator = validatorFor(type);
  if (validator(value)) return { ok: true, event: value as AnyEvent };
  return { ok: false, error: new InvalidEventError(type, (validator.errors ?? []).map(describe)) };
}

// Events that passed validation and were frozen since: they cannot have changed, so checking them
// again on their way to the outbox or the bus would only cost time.
const known = new WeakSet<object>();

/** Like validateEvent, for producers: an invalid event is a bug, so it throws. */
export function assertValidEvent(value: unknown): AnyEvent {
  if (typeof value === 'object' && value !== null && known.has(value)) return value as AnyEvent;
  const result = validateEvent(value);
  if (!result.ok) throw result.error;
  return result.event;
}

/** Validates, then deep-freezes so later checks are free (and accidental edits throw). */
export function sealEvent(value: unknown): AnyEvent {
  const event = assertValidEvent(value);
  deepFreeze(event);
  known.add(event);
  return event;
}

function deepFreeze(value: object): void {
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  Object.freeze(value);
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(event)';
  if (error.keyword === 'additionalProperties') {
    return `${where}: unexpected field ${String((error.params as { additionalProperty?: unknown }).additionalProperty)}`;
  }
  return `${where}: ${error.message ?? error.keyword}`;
}
