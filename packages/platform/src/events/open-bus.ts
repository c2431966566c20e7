import type { Logger } from '../logger';
import type { EventBus } from './bus';
import type { EventsConfig } from './config';
import { openEmbeddedBus } from './embedded-bus';
import { openKafkaBus } from './kafka-bus';

export interface OpenEventBusOptions {
  logger?: Logger;
  /** Kafka only: topics to create at start (default: all catalogue topics; `[]` for none). */
  provisionTopics?: readonly string[];
}

/** The one place that picks the bus adapter, from configuration alone. */
export function openEventBus(config: EventsConfig, options: OpenEventBusOptions = {}): Promise<EventBus> {
  if (config.mode === 'kafka') {
    return openKafkaBus({ settings: config.kafka, logger: options.logger, provisionTopics: options.provisionTopics });
  }
  return openEmbeddedBus({ directory: config.directory, fsync: config.fsync, logger: options.logger });
}
