import nodemailer from 'nodemailer';
import { MailDeliveryError, nodemailerMessage, type MailMessage, type MailReceipt, type MailTransport } from './port';

export interface SmtpTransportOptions {
  /** `smtp://user:pass@host:port` or `smtps://...` (nodemailer's URL form). */
  url: string;
  from: string;
  /** Socket timeouts, so a hung peer becomes a transient failure instead of a stuck worker. */
  timeoutMs?: number;
  /** Connections kept open to the peer (default 4, the dispatcher's default concurrency). */
  maxConnections?: number;
}

interface NodemailerError {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Host, port, TLS and credentials from `smtp://user:pass@host:port` (`smtps://` = TLS from the start). */
export function smtpConnection(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(parsed.username ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } } : {}),
  };
}

/** SMTP says 5xx for "never", 4xx for "not now"; without a reply code it was the network. */
export function classifySmtpError(error: unknown): MailDeliveryError {
  const failure = (error ?? {}) as NodemailerError;
  const code = typeof failure.responseCode === 'number' ? failure.responseCode : undefined;
  const text = (failure.response ?? failure.message ?? String(error)).slice(0, 500);
  return new MailDeliveryError(text, code !== undefined && code >= 500 && code < 600, code);
}

export function createSmtpTransport({ url, from, timeoutMs = 30_000, maxConnections = 4 }: SmtpTransportOptions): MailTransport {
  // Pooled: a burst reuses a few open connections instead of a handshake per message.
  const transporter = nodemailer.createTransport({
    ...smtpConnection(url),
    pool: true,
    maxConnections,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    kind: 'smtp',
    async send(message: MailMessage): Promise<MailReceipt> {
      try {
        const info = await transporter.sendMail(nodemailerMessage(from, message));
        return { messageId: String(info.messageId ?? message.messageId), response: String(info.response ?? '') };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    async close() {
      transporter.close();
    },
  };
}
