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

/** What the account-recovery events carry besides the sealed token. */
export interface TokenMail {
  user: UserRecord;
  sealedToken: string;
  expiresAt: Date;
  at: Date;
}

export function passwordResetRequested({ user, sealedToken, expiresAt, at }: TokenMail): AnyEvent[] {
  return [
    createEvent(
      'PASSWORD_RESET_REQUESTED',
      { user_id: user._id, email: user.emailKey, name: user.name, sealed_token: sealedToken, expires_at: expiresAt.toISOString() },
      { at },
    ),
  ];
}

export function emailVerificationRequested({ user, sealedToken, expiresAt, at }: TokenMail): AnyEvent[] {
  return [
    createEvent(
      'EMAIL_VERIFICATION_REQUESTED',
      { user_id: user._id, email: user.emailKey, name: user.name, sealed_token: sealedToken, expires_at: expiresAt.toISOString() },
      { at },
    ),
  ];
}

export function emailVerified(user: UserRecord, at: Date): AnyEvent[] {
  return [createEvent('EMAIL_VERIFIED', { user_id: user._id, email: user.emailKey, verified_at: at.toISOString() }, { at })];
}

export function passwordChanged(user: UserRecord, at: Date): AnyEvent[] {
  return [createEvent('PASSWORD_CHANGED', { user_id: user._id, email: user.emailKey, name: user.name, method: 'reset', changed_at: at.toISOString() }, { at })];
}
