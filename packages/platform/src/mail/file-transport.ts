import { promises as fs } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../logger';
import { MailDeliveryError, nodemailerMessage, type MailMessage, type MailReceipt, type MailTransport } from './port';

export interface FileTransportOptions {
  /** Messages go to `<directory>/<time>-<message id>.eml`. */
  directory: string;
  from: string;
  logger: Logger;
}

const SAFE_NAME = /[^A-Za-z0-9._-]/g;

/**
 * The embedded default: nodemailer builds the very MIME message SMTP would carry, and it is
 * written as an `.eml` file (any mail client opens it), with one log line per message.
 */
export function createFileTransport({ directory, from, logger }: FileTransportOptions): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'files',
    async send(message: MailMessage): Promise<MailReceipt> {
      try {
        const info = await builder.sendMail(nodemailerMessage(from, message));
        await fs.mkdir(directory, { recursive: true });
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.messageId.replace(SAFE_NAME, '_')}.eml`;
        const file = path.join(directory, name);
        await fs.writeFile(file, info.message as Buffer);
        logger.info({ to: message.to.address, subject: message.subject, file }, 'mail written');
        return { messageId: message.messageId, response: file };
      } catch (error) {
        // A full or read-only disk may recover; keep the message queued.
        throw new MailDeliveryError(error instanceof Error ? error.message : String(error), false);
      }
    },
    async close() {},
  };
}
