import type { Logger } from '../logger';
import { inConsumerSpan } from '../observability/tracing';
import { type DeliveredMessage, type EventBus, PermanentFailure, type SubscribeOptions, type Subscription } from './bus';
import { type EventOf, type EventType, catalogueEntry } from './catalogue';
import type { EventRef } from './idempotency';
import { validateEvent } from './validate';

/**
 * A small consumer framework over the bus: subscribe by event type (topics follow from the
 * catalogue), validate every message on receipt, dispatch it to its typed handler.
 *
 *  - An invalid message can never succeed: it is dead-lettered at once, with the schema problems
 *    as the reason.
 *  - A handler that throws is retried with backoff; after `maxAttempts` the message goes to
 *    `<topic>.dlq` (throw `PermanentFailure` to skip the retries).
 *  - Delivery is at least once: make the effect idempotent with `applyOnce` / `insertOnce`
 *    (idempotency.ts), passing `context.ref`.
 *  - Event types on the topic that this consumer has no handler for are acknowledged and skipped.
 */

export interface ConsumeContext {
  groupId: string;
  /** What `applyOnce` / `insertOnce` need to record this event as processed. */
  ref: EventRef;
  message: DeliveredMessage;
}

export type EventHandler<T extends EventType> = (event: EventOf<T>, context: ConsumeContext) => Promise<void>;
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

export interface EventConsumerOptions {
  bus: EventBus;
  groupId: string;
  handlers: EventHandlers;
  /** Defaults to the catalogue topics of the handled types (override to read another topic, e.g. in tests). */
  topics?: string[];
  fromBeginning?: boolean;
  replayFrom?: SubscribeOptions['replayFrom'];
  maxAttempts?: number;
  retryBackoffMs?: number;
  logger?: Logger;
}

export function startEventConsumer(options: EventConsumerOptions): Promise<Subscription> {
  const { bus, groupId, handlers, logger } = options;
  const handledTypes = Object.keys(handlers) as EventType[];
  const topics = options.topics ?? [...new Set(handledTypes.map((type) => catalogueEntry(type).topic))];
  if (topics.length === 0) throw new Error(`consumer ${groupId} handles no event type`);

  const handler = async (message: DeliveredMessage): Promise<void> => {
    const validation = validateEvent(message.value);
    if (!validation.ok) throw new PermanentFailure(validation.error.message);
    const event = validation.event;
    const handle = handlers[event.event_type] as ((event: unknown, context: ConsumeContext) => Promise<void>) | undefined;
    if (!handle) return;
    const context: ConsumeContext = { groupId, ref: { groupId, eventId: event.event_id }, message };
    try {
      const attributes = { 'messaging.destination.name': message.topic, 'messaging.consumer.group.name': groupId, 'messaging.message.id': event.event_id };
      await inConsumerSpan(`consume ${event.event_type}`, message.headers, attributes, () => handle(event, context));
    } catch (error) {
      logger?.warn({ err: error, group: groupId, event_type: event.event_type, event_id: event.event_id, attempt: message.attempt }, 'event handler failed');
      throw error;
    }
  };

  return bus.subscribe({
    groupId,
    topics,
    handler,
    fromBeginning: options.fromBeginning,
    replayFrom: options.replayFrom,
    maxAttempts: options.maxAttempts,
    retryBackoffMs: options.retryBackoffMs,
  });
}
