import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  service: string;
  level?: string;
}

/** Structured JSON logs, one logger per service, child loggers per request. */
export function createLogger({ service, level = 'info' }: LoggerOptions): Logger {
  return pino({ name: service, level, base: { service } });
}
