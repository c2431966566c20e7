import { type KafkaConfig, logLevel } from 'kafkajs';
import type { Logger } from '../logger';

/** Routes kafkajs's own logs into the service's pino logger (silent when there is none). */
export function kafkaLogCreator(logger: Logger | undefined): Pick<KafkaConfig, 'logLevel' | 'logCreator'> {
  if (!logger) return { logLevel: logLevel.NOTHING };
  return {
    logLevel: logLevel.INFO,
    logCreator: () => (entry) => {
      const { message, timestamp: _timestamp, ...extra } = entry.log;
      const fields = { ...extra, kafkajs: entry.namespace };
      // We bound retries per publish on purpose (the outbox relay retries, consumers dedupe by
      // event_id), so kafkajs's warning about it would only be noise on every start.
      if (message.startsWith('Limiting retries for the idempotent producer')) return logger.debug(fields, message);
      if (entry.level === logLevel.ERROR) logger.error(fields, message);
      else if (entry.level === logLevel.WARN) logger.warn(fields, message);
      else if (entry.level === logLevel.INFO) logger.info(fields, message);
      else logger.debug(fields, message);
    },
  };
}
