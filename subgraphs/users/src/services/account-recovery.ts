import {
  assertSignedIn,
  badUserInput,
  checkPasswordPolicy,
  codedError,
  ErrorCode,
  hashPassword,
  normalizeEmail,
  unauthenticated,
  type LoginThrottle,
  type Logger,
  type AnyEvent,
  type Viewer,
} from '@skillgraph/platform';
import { sealContext, sealToken } from '@skillgraph/platform/src/mail';
import fastq from 'fastq';
import { hashAccountToken, looksLikeAccountToken, mintAccountToken, type AccountTokenRepository } from '../data/account-token-repository';
import type { AccountTokenPurpose, UserRecord } from '../data/records';
import type { RefreshTokenRepository } from '../data/refresh-token-repository';
import type { UserRepository } from '../data/user-repository';
import { emailVerificationRequested, emailVerified, passwordChanged, passwordResetRequested, type TokenMail } from '../events/user-events';

/** Reset links work for 30 minutes; verification links for a day (nothing is at stake while they wait). */
export const PASSWORD_RESET_TTL_MS = 30 * 60_000;
export const EMAIL_VERIFICATION_TTL_MS = 24 * 60 * 60_000;

// One answer for unknown, used, expired, altered and foreign tokens alike.
const linkInvalid = () => badUserInput('This link is not valid any more. Ask for a new one.', 'token');

const tooManyRequests = (retryAfterMs: number) =>
  codedError(ErrorCode.RateLimited, 'Too many requests for this account. Try again later.', { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) });

export interface AccountRecoveryDependencies {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  accountTokens: AccountTokenRepository;
  /**
   * Counts requests (not failures) per account and per client address, so nobody can flood an
   * inbox or the mail quota. Keys are counted whether or not the account exists.
   */
  throttle: LoginThrottle;
  /** Seals the tokens inside the events (shared with the notifications service). */
  tokenKey: Buffer;
  clock: () => Date;
  outbox: { notify(): void };
  logger: Logger;
}

export type AccountRecoveryService = ReturnType<typeof createAccountRecoveryService>;

/** Reset requests waiting for their job; past this (a flood) further ones are dropped and logged. */
export const MAX_PENDING_RESET_REQUESTS = 1000;

/** Password reset and email verification by single-use emailed tokens. */
export function createAccountRecoveryService({ users, refreshTokens, accountTokens, throttle, tokenKey, clock, outbox, logger }: AccountRecoveryDependencies) {
  async function countRequest(key: string, clientAddress: string): Promise<void> {
    const verdict = await throttle.check(key, clientAddress);
    if (!verdict.allowed) throw tooManyRequests(verdict.retryAfterMs);
    await throttle.recordFailure(key, clientAddress);
  }

  /** Stores a new token for `user` with the event that mails it, in one write. */
  async function issue(user: UserRecord, purpose: AccountTokenPurpose, ttlMs: number, events: (mail: TokenMail) => AnyEvent[]): Promise<void> {
    const now = clock();
    const { token, hash } = mintAccountToken();
    const expiresAt = new Date(now.getTime() + ttlMs);
    const eventType = purpose === 'PASSWORD_RESET' ? 'PASSWORD_RESET_REQUESTED' : 'EMAIL_VERIFICATION_REQUESTED';
    const sealedToken = sealToken(tokenKey, token, sealContext(eventType, user._id));
    await accountTokens.insert(
      { _id: hash, purpose, userId: user._id, emailKey: user.emailKey, createdAt: now, expiresAt },
      events({ user, sealedToken, expiresAt, at: now }),
    );
    outbox.notify();
  }

  /** The user a valid token of `purpose` belongs to, spending the token; throws when it is not valid. */
  async function spend(token: string, purpose: AccountTokenPurpose): Promise<UserRecord> {
    if (!looksLikeAccountToken(token)) throw linkInvalid();
    const used = await accountTokens.use(hashAccountToken(token), purpose, clock());
    if (!used) throw linkInvalid();
    const user = await users.findById(used.userId);
    // A token for an address the account no longer has proves nothing.
    if (!user || user.emailKey !== used.emailKey) throw linkInvalid();
    return user;
  }

  /** The part of a reset request that depends on whether the account exists: looked up and mailed in a job. */
  async function mailResetLink(emailKey: string): Promise<void> {
    // Never inside the request's own turn of the event loop, so its answer is on its way first.
    await new Promise((resolve) => setImmediate(resolve));
    const user = await users.findByEmailKey(emailKey);
    if (!user) {
      logger.info('password reset asked for an address with no account');
      return;
    }
    await issue(user, 'PASSWORD_RESET', PASSWORD_RESET_TTL_MS, passwordResetRequested);
  }
  const resetJobs = fastq.promise(mailResetLink, 4);

  return {
    /**
     * Always true, whether or not the address has an account: the answer must not tell which
     * emails are registered, nor may its timing. So the request path is the same for both (count
     * the request, queue a job) and the account lookup, token minting, sealing and staging all
     * happen in the job, after the answer. Throttled per address and per client all the same.
     */
    async requestPasswordReset(email: string, clientAddress: string): Promise<boolean> {
      const normalised = normalizeEmail(email);
      const key = normalised.ok ? normalised.email : email.trim().toLowerCase();
      await countRequest(`reset:${key}`, clientAddress);
      if (resetJobs.length() >= MAX_PENDING_RESET_REQUESTS) {
        logger.warn({ pending: resetJobs.length() }, 'password reset requests are queued faster than they are mailed; dropping one');
        return true;
      }
      // An address that cannot be an account's still goes through the queue: the same work here.
      resetJobs.push(normalised.ok ? key : '').catch((error: unknown) => logger.error({ err: error }, 'password reset request failed'));
      return true;
    },

    /** Resolves once every queued reset request has been handled (shutdown, tests). */
    async drain(): Promise<void> {
      if (resetJobs.idle()) return;
      await resetJobs.drained();
    },

    /**
     * Sets a new password with a reset token. The token is checked before the password rules, but
     * spent only once the new password is acceptable, so a typo does not cost a new email. Every
     * refresh token of the account is revoked: whoever held a session must sign in again.
     */
    async resetPassword(token: string, newPassword: string): Promise<boolean> {
      if (!looksLikeAccountToken(token)) throw linkInvalid();
      const pending = await accountTokens.findByHash(hashAccountToken(token));
      const now = clock();
      if (!pending || pending.purpose !== 'PASSWORD_RESET' || pending.usedAt || pending.expiresAt <= now) throw linkInvalid();
      const owner = await users.findById(pending.userId);
      if (!owner) throw linkInvalid();
      const violations = checkPasswordPolicy(newPassword, { email: owner.emailKey, name: owner.name });
      if (violations.length > 0) {
        throw codedError(ErrorCode.BadUserInput, violations.map((violation) => violation.message).join(' '), {
          field: 'newPassword',
          rules: violations.map((violation) => violation.rule),
        });
      }
      const user = await spend(token, 'PASSWORD_RESET');
      const changedAt = clock();
      const saved = await users.updateIf(user._id, {}, { passwordHash: await hashPassword(newPassword) }, changedAt, passwordChanged(user, changedAt));
      if (!saved) throw linkInvalid();
      outbox.notify();
      const revoked = await refreshTokens.revokeAllForUser(user._id, changedAt);
      await accountTokens.useAllOf(user._id, 'PASSWORD_RESET', changedAt);
      logger.info({ userId: user._id, revokedRefreshTokens: revoked }, 'password reset');
      return true;
    },

    /** Mails the signed-in user a verification link; false when the address is verified already. */
    async requestEmailVerification(viewer: Viewer, clientAddress: string): Promise<boolean> {
      const me = assertSignedIn(viewer);
      const user = await users.findById(me.id);
      if (!user) throw unauthenticated();
      if (user.emailVerifiedAt) return false;
      await countRequest(`verify:${user._id}`, clientAddress);
      await issue(user, 'EMAIL_VERIFICATION', EMAIL_VERIFICATION_TTL_MS, emailVerificationRequested);
      return true;
    },

    /** Marks the address the token was sent to as verified; works signed out too (the link is the proof). */
    async verifyEmail(token: string): Promise<UserRecord> {
      const user = await spend(token, 'EMAIL_VERIFICATION');
      if (user.emailVerifiedAt) return user;
      const at = clock();
      const saved = await users.updateIf(user._id, { emailKey: user.emailKey }, { emailVerifiedAt: at }, at, emailVerified(user, at));
      if (!saved) throw linkInvalid();
      outbox.notify();
      return saved;
    },
  };
}
