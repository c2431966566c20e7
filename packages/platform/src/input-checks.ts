import { badUserInput } from './errors';

export interface Range {
  min: number;
  max: number;
}

/**
 * Trims `value` and checks its length in characters (code points, so an emoji counts once).
 * `field` is the input path the client sees in `extensions.field`; `label` starts the message.
 */
export function checkText(value: string, field: string, label: string, { min, max }: Range): string {
  const text = value.trim();
  const length = [...text].length;
  if (length < min || length > max) {
    const rule = min === 0 ? `at most ${max} characters` : `${min} to ${max} characters`;
    throw badUserInput(`${label} must be ${rule}.`, field);
  }
  return text;
}

export function checkInteger(value: number, field: string, label: string, { min, max }: Range): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(`${label} must be a whole number from ${min} to ${max}.`, field);
  }
  return value;
}

/** Like `checkInteger` for fractional values such as percentages. */
export function checkNumber(value: number, field: string, label: string, { min, max }: Range): number {
  if (!Number.isFinite(value) || value < min || value > max) throw badUserInput(`${label} must be from ${min} to ${max}.`, field);
  return value;
}

/** Checks how many items a list holds. */
export function checkCount<T>(items: readonly T[], field: string, label: string, { min, max }: Range): readonly T[] {
  if (items.length < min || items.length > max) throw badUserInput(`${label} must have ${min} to ${max} items.`, field);
  return items;
}
