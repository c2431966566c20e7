import { decideRefresh, hashRefreshToken, looksLikeRefreshToken, mintRefreshToken, unauthenticated, type Logger } from '@skillgraph/platform';
import type { RefreshTokenRepository } from '../data/refresh-token-repository';
import type { UserRecord } from '../data/records';
import type { UserRepository } from '../data/user-repository';
import type { UsersIdentity } from '../identity';

/** What `register`, `login` and `refreshToken` answer (the schema's AuthPayload). */
export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserRecord;
}

// One message for every refresh failure: a thief replaying a token learns nothing from it.
const sessionEnded = () => unauthenticated('Your session has ended. Sign in again.');

export interface SessionServiceDependencies {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  identity: UsersIdentity;
  logger: Logger;
}

export type SessionService = ReturnType<typeof createSessionService>;

/** Access and refresh tokens: issuing, rotation with reuse detection, and logout. */
export function createSessionService({ users, refreshTokens, identity, logger }: SessionServiceDependencies) {
  const clock = identity.clock ?? (() => new Date());

  /** A token pair for `user`; a new family (login) unless `familyId` continues one (rotation). */
  async function issue(user: UserRecord, familyId?: string): Promise<Session> {
    const now = clock();
    const refresh = mintRefreshToken({ ttlSeconds: identity.refreshTokenTtlSeconds, now, ...(familyId ? { familyId } : {}) });
    await refreshTokens.insert({ _id: refresh.hash, familyId: refresh.familyId, userId: user._id, createdAt: now, expiresAt: refresh.expiresAt });
    const access = await identity.issuer.issueAccessToken({ sub: user._id, role: user.role, sessionId: refresh.familyId });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      user,
    };
  }

  async function revoke(familyId: string, why: string): Promise<void> {
    const count = await refreshTokens.revokeFamily(familyId, clock());
    logger.info({ familyId, revoked: count, why }, 'refresh token family revoked');
  }

  return {
    /** Starts a new session (login, register); clears the user's expired tokens on the way. */
    async start(user: UserRecord): Promise<Session> {
      await refreshTokens.deleteExpired(user._id, clock());
      return issue(user);
    },

    /**
     * Exchanges a refresh token for a new pair in the same family. A spent token coming back means
     * two parties hold it, so the whole family is revoked and both must sign in again.
     */
    async refresh(token: string): Promise<Session> {
      if (!looksLikeRefreshToken(token)) throw sessionEnded();
      const hash = hashRefreshToken(token);
      const now = clock();
      const stored = await refreshTokens.findByHash(hash);
      if (!stored) throw sessionEnded();
      // A family is dead once any of its tokens was revoked (see `familyRevoked`).
      const familyDead = !stored.revokedAt && (await refreshTokens.familyRevoked(stored.familyId));
      const decision = decideRefresh(familyDead ? { ...stored, revokedAt: now } : stored, now);
      switch (decision.action) {
        case 'reject':
          throw sessionEnded();
        case 'revoke_family':
          await revoke(decision.familyId, 'spent refresh token presented again');
          throw sessionEnded();
        case 'rotate': {
          // Only one of two concurrent refreshes with this token gets past here; the loser is reuse.
          if (!(await refreshTokens.markSpent(hash, now))) {
            await revoke(decision.familyId, 'refresh token spent concurrently');
            throw sessionEnded();
          }
          const user = await users.findById(stored.userId);
          if (!user) {
            await revoke(decision.familyId, 'account no longer exists');
            throw sessionEnded();
          }
          // The new access token carries the user's current role, so role changes apply here.
          return issue(user, decision.familyId);
        }
      }
    },

    /** Ends the token's session; false when the token is unknown (nothing to end). */
    async logout(token: string): Promise<boolean> {
      if (!looksLikeRefreshToken(token)) return false;
      const state = await refreshTokens.findByHash(hashRefreshToken(token));
      if (!state) return false;
      await revoke(state.familyId, 'logout');
      return true;
    },
  };
}
