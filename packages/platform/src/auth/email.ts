import { domainToASCII } from 'node:url';

export type EmailCheck = { ok: true; email: string } | { ok: false; reason: string };

const MAX_EMAIL_LENGTH = 254; // RFC 5321 path limit minus the angle brackets
const MAX_LOCAL_LENGTH = 64;
// RFC 5322 dot-atom: quoted local parts and comments are legal but no real provider hands them out.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Trims, lower-cases (so one mailbox is one account regardless of how it was typed) and checks
 * the syntax. International domains are stored in their ASCII (punycode) form.
 */
export function normalizeEmail(input: string): EmailCheck {
  const trimmed = input.trim().normalize('NFC');
  if (trimmed === '') return { ok: false, reason: 'Enter an email address.' };
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return { ok: false, reason: 'An email address needs an @ sign.' };
  const local = trimmed.slice(0, at).toLowerCase();
  const rawDomain = trimmed.slice(at + 1);
  if (local === '') return { ok: false, reason: 'Enter the part before the @.' };
  if (rawDomain === '') return { ok: false, reason: 'Enter the part after the @.' };
  if (local.length > MAX_LOCAL_LENGTH) return { ok: false, reason: `The part before the @ can have at most ${MAX_LOCAL_LENGTH} characters.` };
  if (!LOCAL_PART.test(local)) {
    return { ok: false, reason: 'The part before the @ may hold letters, digits, dots (not at either end or twice in a row) and ! # $ % & \' * + / = ? ^ _ ` { | } ~ -.' };
  }
  const domain = domainToASCII(rawDomain.toLowerCase());
  const labels = domain.split('.');
  if (domain === '' || labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) {
    return { ok: false, reason: 'The part after the @ must be a domain such as example.com.' };
  }
  if (!TOP_LEVEL.test(labels[labels.length - 1] ?? '')) {
    return { ok: false, reason: 'The domain must end in a top-level domain such as .com or .org.' };
  }
  const email = `${local}@${domain}`;
  if (email.length > MAX_EMAIL_LENGTH) return { ok: false, reason: `An email address can have at most ${MAX_EMAIL_LENGTH} characters.` };
  return { ok: true, email };
}
