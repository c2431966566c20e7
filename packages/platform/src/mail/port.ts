/**
 * The mail delivery port. Two adapters implement it: SMTP through nodemailer (`SMTP_URL`, the
 * distributed mode) and `.eml` files under `<DATA_DIR>/mail` (the embedded default, so `npm start`
 * needs no mail server). Callers never know which one runs.
 */

export interface MailAddress {
  address: string;
  name?: string;
}

export interface MailMessage {
  to: MailAddress;
  subject: string;
  html: string;
  text: string;
  /**
   * Stable per notification (`<id@domain>`): a retry after a lost acknowledgement carries the same
   * Message-ID, so a receiving system can tell a duplicate.
   */
  messageId: string;
  /** Extra headers, e.g. `X-SkillGraph-Category`. */
  headers?: Record<string, string>;
}

export interface MailReceipt {
  messageId: string;
  /** What the peer answered (SMTP) or where the message was written (files). */
  response: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'files';
  /** Resolves once the peer accepted the message; rejects with `MailDeliveryError`. */
  send(message: MailMessage): Promise<MailReceipt>;
  close(): Promise<void>;
}

/**
 * A delivery that did not happen. `permanent` is the peer's verdict (SMTP 5xx: retrying cannot
 * help); everything else (4xx, connection refused, timeouts) is worth another attempt later.
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

/** The message as nodemailer takes it; both adapters build it through nodemailer, so it is built once. */
export function nodemailerMessage(from: string, message: MailMessage) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    messageId: message.messageId,
    headers: message.headers ?? {},
  };
}
