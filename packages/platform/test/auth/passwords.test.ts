import { hash, parseOptions } from '@node-rs/argon2';
import {
  checkPasswordPolicy,
  dummyPasswordHash,
  hashPassword,
  needsRehash,
  verifyPassword,
  verifyPasswordOrDummy,
  type PasswordRule,
} from '../../src/auth';

const rules = (password: string, context = {}): PasswordRule[] => checkPasswordPolicy(password, context).map((violation) => violation.rule);

describe('password hashing', () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword('Correct horse 9');
  });

  it('uses argon2id with the documented parameters and a fresh salt per hash', async () => {
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(parseOptions(stored)).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1, saltLen: 16 });
    expect(await hashPassword('Correct horse 9')).not.toBe(stored);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    await expect(verifyPassword(stored, 'Correct horse 9')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'correct horse 9')).resolves.toBe(false);
  });

  it('treats Unicode compositions of the same text as the same password', async () => {
    const composed = await hashPassword('Caf\u00e9 au lait 42');
    await expect(verifyPassword(composed, 'Cafe\u0301 au lait 42')).resolves.toBe(true);
  });

  it('answers false, never throws, for a corrupt stored hash', async () => {
    await expect(verifyPassword('not-a-hash', 'whatever')).resolves.toBe(false);
  });

  it('without an account, still runs a full verification against a dummy hash and answers false', async () => {
    const dummy = await dummyPasswordHash();
    expect(parseOptions(dummy)).toMatchObject({ memoryCost: 19456, timeCost: 2 });
    expect(await dummyPasswordHash()).toBe(dummy); // computed once

    const time = async (run: () => Promise<boolean>) => {
      const started = process.hrtime.bigint();
      const result = await run();
      return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    const missing = await time(() => verifyPasswordOrDummy(undefined, 'Correct horse 9'));
    const present = await time(() => verifyPasswordOrDummy(stored, 'Wrong horse 9'));
    expect(missing.result).toBe(false);
    expect(present.result).toBe(false);
    // Same argon2 work on both paths: the missing-account path is not an order of magnitude faster.
    expect(missing.ms).toBeGreaterThan(present.ms / 4);
    await expect(verifyPasswordOrDummy(stored, 'Correct horse 9')).resolves.toBe(true);
  });

  it('flags hashes made with weaker parameters for rehashing', async () => {
    expect(needsRehash(stored)).toBe(false);
    const weak = await hash('Correct horse 9', { memoryCost: 4096, timeCost: 3 });
    expect(needsRehash(weak)).toBe(true);
    await expect(verifyPassword(weak, 'Correct horse 9')).resolves.toBe(true); // old hashes keep working
    expect(needsRehash('garbage')).toBe(true);
  });
});

describe('password policy', () => {
  it('accepts a long mixed password', () => {
    expect(checkPasswordPolicy('violet-Harbor-1987', { email: 'ada@example.com', name: 'Ada Lovelace' })).toEqual([]);
  });

  it.each<[string, string, PasswordRule[]]>([
    ['too short', 'Ab1!', ['too_short']],
    ['one character class only', 'abcdefghijkl', ['single_character_class']],
    ['digits only, and common', '1234567890', ['single_character_class', 'too_common']],
    ['common, case-insensitively', 'PASSWORD123', ['too_common']],
    ['too long', `Aa1${'x'.repeat(260)}`, ['too_long']],
    ['short, single class and common', 'aaaa', ['too_short', 'single_character_class']],
  ])('%s', (_name, password, expected) => {
    expect(rules(password)).toEqual(expected);
  });

  it('refuses the email address, its local part or the name', () => {
    const context = { email: 'Ada.Lovelace1@Example.com', name: 'Ada Lovelace 1815' };
    expect(rules('ada.lovelace1@example.com', context)).toContain('matches_identity');
    expect(rules('Ada.Lovelace1', context)).toContain('matches_identity');
    expect(rules('adalovelace1815', context)).toContain('matches_identity');
    expect(rules('Ada Lovelace 1815', context)).toContain('matches_identity');
  });

  it('lists every broken rule, each with a message for the user', () => {
    const violations = checkPasswordPolicy('ada', { name: 'ada' });
    expect(violations.map((violation) => violation.rule)).toEqual(['too_short', 'single_character_class', 'matches_identity']);
    for (const violation of violations) expect(violation.message).toMatch(/^[A-Z].+\.$/);
  });

  it('counts characters, not UTF-16 units', () => {
    // 6 characters but 11 UTF-16 units: still too short.
    expect(rules('\u{1F600}'.repeat(5) + 'a')).toEqual(['too_short']);
  });
});
