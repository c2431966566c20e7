import { normalizeEmail } from '../../src/auth';

describe('normalizeEmail', () => {
  it.each([
    ['  Ada.Lovelace@Example.COM ', 'ada.lovelace@example.com'],
    ['first+tag@sub.example.org', 'first+tag@sub.example.org'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['user@bücher.de', 'user@xn--bcher-kva.de'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, email: expected });
  });

  it.each([
    ['', /Enter an email/],
    ['ada.example.com', /@ sign/],
    ['@example.com', /before the @/],
    ['ada@', /after the @/],
    ['ada..lovelace@example.com', /dots/],
    ['.ada@example.com', /dots/],
    ['ada lovelace@example.com', /may hold/],
    ['ada@localhost', /domain such as example.com/],
    ['ada@-example.com', /domain such as/],
    ['ada@example.c0m', /top-level domain/],
    ['ada@exa_mple.com', /domain such as/],
    [`${'a'.repeat(65)}@example.com`, /at most 64/],
    [`ada@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`, /at most 254/],
  ])('rejects %j with a reason', (input, reason) => {
    const result = normalizeEmail(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
