import { badUserInput, checkPasswordPolicy, codedError, ErrorCode, normalizeEmail } from '@skillgraph/platform';

export const NAME_MAX_LENGTH = 100;

export interface Registration {
  /** As typed, trimmed: what the person sees. */
  email: string;
  /** Normalised: what uniqueness and sign-in compare. */
  emailKey: string;
  name: string;
  password: string;
}

// Control characters in a display name only serve to spoof other text around it.
const CONTROL = /\p{Cc}/u;

/** A display name, trimmed, or BAD_USER_INPUT naming `field`. */
export function checkName(name: string, field: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw badUserInput('Enter a name.', field);
  if ([...trimmed].length > NAME_MAX_LENGTH) throw badUserInput(`A name can have at most ${NAME_MAX_LENGTH} characters.`, field);
  if (CONTROL.test(trimmed)) throw badUserInput('A name cannot contain control characters.', field);
  return trimmed;
}

/**
 * Every check `register` makes before it writes anything, in the order a form shows them. A
 * password breaking several rules gets one error listing all of them (`extensions.rules`).
 */
export function checkRegistration(input: { email: string; password: string; name: string }): Registration {
  const email = normalizeEmail(input.email);
  if (!email.ok) throw badUserInput(email.reason, 'input.email');
  const name = checkName(input.name, 'input.name');
  const violations = checkPasswordPolicy(input.password, { email: email.email, name });
  if (violations.length > 0) {
    throw codedError(ErrorCode.BadUserInput, violations.map((violation) => violation.message).join(' '), {
      field: 'input.password',
      rules: violations.map((violation) => violation.rule),
    });
  }
  return { email: input.email.trim(), emailKey: email.email, name, password: input.password };
}
