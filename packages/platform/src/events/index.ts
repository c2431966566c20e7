/** The event system: contracts, outbox, relay, both bus adapters, consumers. See docs/events.md. */
export * from './catalogue';
export { createEvent, type CreateEventOptions } from './envelope';
export { validateEvent, assertValidEvent, InvalidEventError, type EventValidation } from './validate';
export * from './bus';
export { loadEventsConfig, eventsEnvSchema, type EventsConfig, type KafkaSettings, type RelaySettings } from './config';
export { openEventBus, type OpenEventBusOptions } from './open-bus';
export { openEmbeddedBus, type EmbeddedBus, type EmbeddedBusOptions } from './embedded-bus';
export { openKafkaBus, type KafkaBus, type KafkaBusOptions } from './kafka-bus';
export { withOutbox, outboxPush, pendingOutboxFilter, type StagedEvent } from './outbox';
export { stripEventFields } from './document-fields';
export { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions, type OutboxBacklog, type RelayStatus } from './relay';
export { startEventConsumer, type EventConsumerOptions, type EventHandler, type EventHandlers, type ConsumeContext } from './consumer';
export { applyOnce, insertOnce, processedId, type ApplyResult, type EventRef } from './idempotency';
// For the events CLI (scripts/events.ts): reading the embedded log, writing the schema files.
export { TopicLog, topicLogFile } from './event-log';
export { staleGeneratedFiles, writeGeneratedFiles } from './schema-files';
