import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  service: string;
  level?: string;
}

/**
 * Structured JSON logs, one logger per service, child loggers per request. Lines are written to
 * stdout asynchronously: a blocking write per logged operation cost about a tenth of the
 * gateway's CPU per request (docs/performance.md); pino flushes what is buffered when the process exits.
 */
export function createLogger({ service, level = 'info' }: LoggerOptions): Logger {
  return pino({ name: service, level, base: { service } }, pino.destination({ dest: 1, sync: false }));
}
