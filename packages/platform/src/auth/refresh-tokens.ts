import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Refresh tokens are opaque random strings. Only their SHA-256 is stored: a leaked table cannot be
 * replayed, and since 256 random bits cannot be guessed, a fast unsalted hash is enough (unlike passwords).
 * The prefix lets secret scanners recognise a leaked token.
 */
export const REFRESH_TOKEN_PREFIX = 'sgr_';
const TOKEN_SHAPE = /^sgr_[A-Za-z0-9_-]{43}$/;

export interface MintedRefreshToken {
  /** Give this to the client once; never store or log it. */
  token: string;
  /** Store this; look tokens up by it. */
  hash: string;
  /** The login session the token belongs to; every rotation keeps it. */
  familyId: string;
  expiresAt: Date;
}

export interface MintRefreshTokenOptions {
  /** Omit to start a new family (a fresh login); pass the old one when rotating. */
  familyId?: string;
  ttlSeconds: number;
  now?: Date;
}

export function mintRefreshToken({ familyId = randomUUID(), ttlSeconds, now = new Date() }: MintRefreshTokenOptions): MintedRefreshToken {
  const token = REFRESH_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token), familyId, expiresAt: new Date(now.getTime() + ttlSeconds * 1000) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check so garbage is refused before touching storage. */
export const looksLikeRefreshToken = (token: string): boolean => TOKEN_SHAPE.test(token);

/** What the users subgraph keeps per refresh token (plus whatever it needs, such as the user id). */
export interface RefreshTokenState {
  familyId: string;
  expiresAt: Date;
  /** Set when the token was exchanged for a new one; a spent token must never work again. */
  spentAt?: Date | null;
  /** Set when its family was revoked (logout, reuse detected, password change). */
  revokedAt?: Date | null;
}

export type RefreshDecision =
  | { action: 'rotate'; familyId: string }
  | { action: 'reject'; reason: 'unknown' | 'expired' | 'revoked' }
  /** A spent token came back: someone holds a copy. Revoke the whole family, thief and victim alike. */
  | { action: 'revoke_family'; familyId: string };

/**
 * The rotation rule, free of storage: each refresh token works once; presenting a spent one means
 * it was stolen (or replayed), so the family dies and the user signs in again (OAuth 2.0 Security
 * BCP, refresh token rotation). The caller applies the decision atomically: mark the old token spent
 * only if it is still unspent, otherwise treat it as reuse (two concurrent refreshes race there).
 */
export function decideRefresh(state: RefreshTokenState | undefined, now: Date): RefreshDecision {
  if (!state) return { action: 'reject', reason: 'unknown' };
  if (state.revokedAt) return { action: 'reject', reason: 'revoked' };
  if (state.spentAt) return { action: 'revoke_family', familyId: state.familyId };
  if (state.expiresAt.getTime() <= now.getTime()) return { action: 'reject', reason: 'expired' };
  return { action: 'rotate', familyId: state.familyId };
}
