import { createEvent, type AnyEvent, type Role } from '@skillgraph/platform';
import type { UserRecord } from '../data/records';

/**
 * What the users subgraph publishes (topic `user.events`, key = user id; shapes in docs/events.md).
 * Derived from the state change itself, so a write that changes nothing announces nothing.
 * Emails are given normalised (`emailKey`): the ASCII form every consumer can match on.
 */

export function userRegistered(user: UserRecord): AnyEvent[] {
  return [createEvent('USER_REGISTERED', { user_id: user._id, email: user.emailKey, name: user.name, provider: 'password' }, { at: user.createdAt })];
}

export interface ProfileChanges {
  name?: string;
}

/** USER_UPDATED for the fields `changes` really changes; none when it changes nothing. */
export function profileChanged(before: UserRecord, changes: ProfileChanges, at: Date): AnyEvent[] {
  if (changes.name === undefined || changes.name === before.name) return [];
  return [createEvent('USER_UPDATED', { user_id: before._id, changed_fields: ['name'], name: changes.name }, { at })];
}

export function roleChanged(before: UserRecord, role: Role, changedBy: string, at: Date): AnyEvent[] {
  if (role === before.role) return [];
  return [createEvent('USER_ROLE_CHANGED', { user_id: before._id, previous_role: before.role, new_role: role, changed_by: changedBy }, { at })];
}
