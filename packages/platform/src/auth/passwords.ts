import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';

/**
 * argon2id with OWASP's first recommended setting (Password Storage Cheat Sheet): m=19456 KiB
 * (19 MiB), t=2 passes, p=1 lane. Memory-hardness makes GPU/ASIC guessing expensive; about 30-60 ms
 * per hash on a server core. The salt (16 random bytes) and these parameters travel inside the PHC
 * string, so raising them later only affects new hashes; see `needsRehash`.
 */
export const PASSWORD_HASH_PARAMETERS = Object.freeze({
  // The package's Algorithm is a const enum, unreadable under isolatedModules; 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} satisfies Options);

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

// NIST SP 800-63B asks for Unicode normalisation so the same password typed on two keyboards matches.
const normalise = (password: string) => password.normalize('NFKC');

export async function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), PASSWORD_HASH_PARAMETERS);
}

/** Constant-time comparison happens inside the library. A corrupt stored hash verifies as false. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, normalise(password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** A real hash of a random secret, computed once, with the current parameters. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(32).toString('base64url'), PASSWORD_HASH_PARAMETERS);
  return dummyHash;
}

/**
 * Login's one entry point: when the account does not exist it still runs a full argon2 verification
 * (against a dummy hash) and answers false, so response time does not reveal which emails exist.
 */
export async function verifyPasswordOrDummy(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    await verifyPassword(await dummyPasswordHash(), password);
    return false;
  }
  return verifyPassword(storedHash, password);
}

/** True when the hash was made with weaker or different parameters: rehash after a successful login. */
export function needsRehash(storedHash: string): boolean {
  try {
    const used = parseOptions(storedHash);
    const wanted = PASSWORD_HASH_PARAMETERS;
    return (
      used.algorithm !== wanted.algorithm ||
      used.memoryCost < wanted.memoryCost ||
      used.timeCost < wanted.timeCost ||
      used.outputLen < wanted.outputLen
    );
  } catch {
    return true;
  }
}

export type PasswordRule = 'too_short' | 'too_long' | 'single_character_class' | 'matches_identity' | 'too_common';

export interface PasswordViolation {
  rule: PasswordRule;
  message: string;
}

// The most used passwords that are long enough to pass the length rule (shorter ones fail it anyway).
// Compared case-insensitively. Breach-corpus checks (k-anonymity APIs) need the network; this list does not.
const COMMON_PASSWORDS = new Set([
  '1234567890', '12345678910', '0123456789', '1111111111', '0987654321', 'qwertyuiop', '1q2w3e4r5t',
  '1qaz2wsx3edc', 'qwerty1234', 'qwerty12345', 'qwerty123!', 'password1!', 'password12', 'password123',
  'password1234', 'password!!', 'passw0rd!!', 'p@ssw0rd12', 'p@ssword123', 'iloveyou12', 'iloveyou123',
  'welcome123', 'welcome1!!', 'letmein123', 'admin12345', 'administrator', 'abcdefghij', 'abc1234567',
  'football123', 'baseball123', 'sunshine123', 'princess123', 'monkey12345', 'dragon12345', 'changeme123',
  'trustno1234', 'superman123', 'starwars123', 'computer123', 'skillgraph', 'skillgraph1', 'skillgraph123',
]);

const CHARACTER_CLASSES: readonly RegExp[] = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

const comparable = (text: string) => normalise(text).toLowerCase().replace(/\s+/g, '');

export interface PasswordContext {
  email?: string | null;
  name?: string | null;
}

/** Every rule the password breaks, each with a message fit to show next to the field. Empty means acceptable. */
export function checkPasswordPolicy(password: string, context: PasswordContext = {}): PasswordViolation[] {
  const violations: PasswordViolation[] = [];
  // Count code points, not UTF-16 units, so emoji count once.
  const length = [...normalise(password)].length;
  if (length < PASSWORD_MIN_LENGTH) {
    violations.push({ rule: 'too_short', message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    violations.push({ rule: 'too_long', message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` });
  }
  if (length > 0 && CHARACTER_CLASSES.filter((pattern) => pattern.test(password)).length < 2) {
    violations.push({
      rule: 'single_character_class',
      message: 'Mix at least two kinds of characters (lower case, upper case, digits, symbols).',
    });
  }
  const candidate = comparable(password);
  const email = context.email ? comparable(context.email) : '';
  const identities = [email, email.split('@')[0] ?? '', context.name ? comparable(context.name) : ''].filter((value) => value.length > 0);
  if (identities.includes(candidate)) {
    violations.push({ rule: 'matches_identity', message: 'Do not use your email address or name as your password.' });
  }
  if (COMMON_PASSWORDS.has(candidate)) {
    violations.push({ rule: 'too_common', message: 'This password is too common. Choose one that is harder to guess.' });
  }
  return violations;
}
