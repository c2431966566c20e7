import { v7 as uuidv7, validate, version } from 'uuid';
import { badUserInput } from './errors';

/**
 * Ids are UUIDv7: unique without coordination across subgraphs, and ordered by creation time,
 * so sorting by `_id` is sorting by age and keyset pagination needs no second key.
 */
export const newId = (): string => uuidv7();

export const isId = (value: string): boolean => validate(value) && version(value) === 7;

/** Rejects a malformed id before it reaches a query; `field` names the argument for the client. */
export function parseId(value: string, field = 'id'): string {
  if (!isId(value)) throw badUserInput(`${field} is not a valid id.`, field);
  return value;
}
