/**
 * A real SMTP server (the npm `smtp-server` package) on 127.0.0.1 for the notification tests: it
 * parses every accepted message with mailparser and can refuse recipients with any reply code,
 * counting every attempt, so tests see exactly what a mail server would have seen.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: ParsedMail['headers'];
  /** Date.now() when the DATA finished. */
  receivedAt: number;
}

/** Answer for one RCPT TO: null accepts; otherwise the SMTP reply code and text. */
export type RecipientPolicy = (address: string, attempt: number) => { code: number; message: string } | null;

export interface SmtpPeer {
  url: string;
  received: ReceivedMail[];
  /** RCPT TO attempts per address (lower-cased), accepted or not. */
  attempts(address: string): number;
  mailTo(address: string): ReceivedMail[];
  setPolicy(policy: RecipientPolicy): void;
  stop(): Promise<void>;
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const attempts = new Map<string, number>();
  let policy: RecipientPolicy = () => null;
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on the loopback: no certificate to trust in tests.
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const key = address.address.toLowerCase();
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      const refusal = policy(key, attempt);
      if (!refusal) return callback();
      const error = new Error(refusal.message) as Error & { responseCode: number };
      error.responseCode = refusal.code;
      return callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((group) =>
            group.value.map((entry) => (entry.address ?? '').toLowerCase()),
          );
          received.push({
            to,
            subject: parsed.subject ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            text: parsed.text ?? '',
            messageId: parsed.messageId ?? '',
            headers: parsed.headers,
            receivedAt: Date.now(),
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts: (address) => attempts.get(address.toLowerCase()) ?? 0,
    mailTo: (address) => received.filter((mail) => mail.to.includes(address.toLowerCase())),
    setPolicy(next) {
      policy = next;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
