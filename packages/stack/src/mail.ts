import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRateLimitRedis, type Logger } from '@skillgraph/platform';
import {
  createFileTransport,
  createSmtpTransport,
  DEFAULT_MAIL_DELIVERY,
  openMailTokenKey,
  type MailConfig,
  type MailDeliverySettings,
} from '@skillgraph/platform/src/mail';
import type { NotificationsMail } from '@skillgraph/notifications';

/** Mail settings of the one-process stack; anything left out takes the documented default. */
export interface StackMailOptions {
  /** Deliver over SMTP; default: `.eml` files under `<dataDir>/mail` (or a temporary folder for in-memory storage). */
  smtpUrl?: string;
  from?: string;
  /** Base of the links in messages. Default `http://localhost:3000`. */
  appUrl?: string;
  /** Shared by users (seals) and notifications (opens). Default: generated, kept under `<dataDir>/secrets` with file storage. */
  tokenKey?: Buffer;
  delivery?: Partial<MailDeliverySettings>;
  /** Sends in flight at once. */
  concurrency?: number;
}

/** The stack's settings from `loadMailConfig` (npm start). */
export const stackMailOptions = (config: MailConfig): StackMailOptions => ({
  ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
  from: config.from,
  appUrl: config.appUrl,
  ...(config.tokenKey ? { tokenKey: config.tokenKey } : {}),
  delivery: config.delivery,
});

export interface StackMail {
  mail: NotificationsMail;
  /** Closes the transport and removes a temporary mail folder. */
  close(): Promise<void>;
}

const DEFAULT_FROM = 'SkillGraph <no-reply@skillgraph.dev>';

export async function openStackMail(options: StackMailOptions = {}, dataDir: string | null, logger: Logger): Promise<StackMail> {
  const from = options.from ?? DEFAULT_FROM;
  let scratch: string | undefined;
  let transport;
  if (options.smtpUrl) {
    transport = createSmtpTransport({ url: options.smtpUrl, from, ...(options.concurrency ? { maxConnections: options.concurrency } : {}) });
  } else {
    const directory = dataDir ? path.join(dataDir, 'mail') : path.join((scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-mail-'))), 'mail');
    transport = createFileTransport({ directory, from, logger: logger.child({ component: 'mail' }) });
  }
  const delivery = { ...DEFAULT_MAIL_DELIVERY, ...options.delivery };
  const rateRedis = delivery.rateRedisUrl ? openRateLimitRedis(delivery.rateRedisUrl) : undefined;
  const tokenKey = await openMailTokenKey({ ...(options.tokenKey ? { configured: options.tokenKey } : {}), dataDir });
  return {
    mail: {
      transport,
      tokenKey,
      appUrl: (options.appUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
      delivery,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(rateRedis ? { rateRedis } : {}),
    },
    async close() {
      await transport.close();
      rateRedis?.disconnect();
      if (scratch) await fs.rm(scratch, { recursive: true, force: true });
    },
  };
}
