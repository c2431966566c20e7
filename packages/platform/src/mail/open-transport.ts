import path from 'node:path';
import type { Logger } from '../logger';
import type { MailConfig } from './config';
import { createFileTransport } from './file-transport';
import type { MailTransport } from './port';
import { createSmtpTransport } from './smtp-transport';

/** SMTP when SMTP_URL is set, else `.eml` files under `<DATA_DIR>/mail`. */
export function openMailTransport(config: Pick<MailConfig, 'smtpUrl' | 'from' | 'dataDir'>, logger: Logger): MailTransport {
  if (config.smtpUrl) return createSmtpTransport({ url: config.smtpUrl, from: config.from });
  return createFileTransport({ directory: path.join(config.dataDir, 'mail'), from: config.from, logger });
}
