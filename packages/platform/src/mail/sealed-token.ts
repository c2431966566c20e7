import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Account tokens (password reset, email verification) travel inside events only sealed with
 * AES-256-GCM under a key the users and notifications services share: a reader of the topic, a
 * dead-letter queue or the event log learns nothing usable, and a sealed value cannot be moved to
 * another event or user, because the event type and user id are authenticated with it.
 *
 * Format: base64url(iv 12 bytes | tag 16 bytes | ciphertext).
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealedTokenError extends Error {
  override readonly name = 'SealedTokenError';
}

export function sealToken(key: Buffer, token: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

/** The token, or SealedTokenError when the value was altered, moved or sealed under another key. */
export function openSealedToken(key: Buffer, sealed: string, context: string): string {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) throw new SealedTokenError('sealed token is too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedTokenError('sealed token does not open with this key (altered, moved or another key)');
  }
}

/** What a sealed token is bound to: the event type and the user it was issued for. */
export const sealContext = (eventType: string, userId: string): string => `${eventType}:${userId}`;

export interface TokenKeySource {
  /** MAIL_TOKEN_KEY, when configured. */
  configured?: Buffer;
  /** Persist a generated key here (embedded stack on files); null: a fresh key in memory. */
  dataDir: string | null;
}

export const TOKEN_KEY_FILE = path.join('secrets', 'mail-token.key');

/**
 * The configured key, else one generated once and kept in `<dataDir>/secrets/mail-token.key`
 * (0600), so every process over that data directory, and the next start, share it.
 */
export async function openMailTokenKey({ configured, dataDir }: TokenKeySource): Promise<Buffer> {
  if (configured) return configured;
  if (!dataDir) return randomBytes(32);
  const file = path.join(dataDir, TOKEN_KEY_FILE);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    await fs.writeFile(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return key;
}
