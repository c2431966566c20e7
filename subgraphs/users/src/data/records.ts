import type { Role, StoredDocument } from '@skillgraph/platform';

/** A user account as stored. */
export interface UserRecord extends StoredDocument {
  name: string;
  /** As the person typed it (trimmed), for display. */
  email: string;
  /** Normalised (see `normalizeEmail`); the unique index is on this, so emails are unique ignoring case. */
  emailKey: string;
  /**
   * argon2id PHC string. The schema has no field for it and `User` resolves only the fields it
   * names, so it cannot reach a client; never log a whole record either.
   */
  passwordHash: string;
  role: Role;
  /** When the person proved they own `emailKey` (verifyEmail); absent until then. */
  emailVerifiedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One refresh token. Only its SHA-256 is stored (as `_id`), so a copy of this collection cannot be
 * replayed. Every token a login produces by rotation shares the login's `familyId`.
 */
export interface RefreshTokenRecord extends StoredDocument {
  familyId: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set once, when the token was exchanged; absent (never null) until then, so `$exists` can test it. */
  spentAt?: Date;
  /** Set when the family was revoked (logout, reuse detected). */
  revokedAt?: Date;
}

export type AccountTokenPurpose = 'PASSWORD_RESET' | 'EMAIL_VERIFICATION';

/**
 * A single-use token sent by email (password reset, email verification). Only its SHA-256 is
 * stored (as `_id`); the token itself leaves this service only sealed inside the event that asks
 * for the email (see docs/notifications.md).
 */
export interface AccountTokenRecord extends StoredDocument {
  purpose: AccountTokenPurpose;
  userId: string;
  /** The normalised address the token was issued for: a token for an old address proves nothing. */
  emailKey: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set once, by the one request that used it (or when a newer use made it pointless). */
  usedAt?: Date;
}
