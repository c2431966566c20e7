import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The verification code of a certificate: 80 random bits written as 16 Crockford base32 symbols
 * in four groups (`7K3M-Q9TD-2XWB-H4RE`). Crockford's alphabet has no I, L, O or U, and reading
 * it back folds the look-alikes (O→0, I/L→1), case and separators, so a code typed from paper works.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_BYTES = 10;
const CODE_SYMBOLS = (CODE_BYTES * 8) / 5;
const GROUP = 4;

/** A new code, in its stored (canonical) form: 16 symbols, no separators. */
export function newVerificationCode(): string {
  const bytes = randomBytes(CODE_BYTES);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let symbols = '';
  for (let index = CODE_SYMBOLS - 1; index >= 0; index--) symbols += ALPHABET[Number((bits >> BigInt(index * 5)) & 31n)];
  return symbols;
}

/** The code as people read and type it: groups of four joined by hyphens. */
export const displayVerificationCode = (code: string): string => code.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

/** What someone typed, in canonical form; null when it cannot be a code at all. */
export function canonicalVerificationCode(input: string): string | null {
  // Room for any spacing people type; anything longer is not worth folding.
  if (input.length > 64) return null;
  const folded = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (folded.length !== CODE_SYMBOLS) return null;
  return [...folded].every((symbol) => ALPHABET.includes(symbol)) ? folded : null;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Equal-length digests compared in constant time: how long it takes says nothing about the code. */
export function verificationCodeMatches(stored: string | undefined, given: string): boolean {
  const canonical = canonicalVerificationCode(given);
  if (stored === undefined || canonical === null) return false;
  return timingSafeEqual(digest(stored), digest(canonical));
}
