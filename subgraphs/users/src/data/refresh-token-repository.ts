import type { DocumentStore } from '@skillgraph/platform';
import type { RefreshTokenRecord } from './records';

export const REFRESH_TOKENS_COLLECTION = {
  name: 'refresh_tokens',
  indexes: [{ fields: ['familyId'] }, { fields: ['userId'] }],
};

export type RefreshTokenRepository = Awaited<ReturnType<typeof openRefreshTokenRepository>>;

export async function openRefreshTokenRepository(store: DocumentStore) {
  const tokens = await store.collection<RefreshTokenRecord>(REFRESH_TOKENS_COLLECTION);
  return {
    insert: (record: RefreshTokenRecord): Promise<RefreshTokenRecord> => tokens.insertOne(record),
    findByHash: (hash: string): Promise<RefreshTokenRecord | null> => tokens.findOne({ _id: hash }),

    /**
     * Marks the token spent only if nothing has spent or revoked it yet: one conditional write on
     * one document, which both engines apply atomically. Of two concurrent refreshes with the same
     * token exactly one gets the record back; the other gets null and must treat it as reuse.
     */
    markSpent: (hash: string, now: Date): Promise<RefreshTokenRecord | null> =>
      tokens.updateOne({ _id: hash, spentAt: { $exists: false }, revokedAt: { $exists: false } }, { $set: { spentAt: now } }),

    /** Revokes every token of the family not revoked yet; returns how many. */
    revokeFamily: (familyId: string, now: Date): Promise<number> =>
      tokens.updateMany({ familyId, revokedAt: { $exists: false } }, { $set: { revokedAt: now } }),

    /**
     * True once any token of the family was revoked. Checked on every refresh, so a token minted by
     * a rotation that raced with a revocation is dead too, although its own document was written
     * after the revoking update ran.
     */
    familyRevoked: async (familyId: string): Promise<boolean> => (await tokens.count({ familyId, revokedAt: { $exists: true } })) > 0,

    /** Revokes every live token of the user, in every family (password reset); returns how many. */
    revokeAllForUser: (userId: string, now: Date): Promise<number> =>
      tokens.updateMany({ userId, revokedAt: { $exists: false } }, { $set: { revokedAt: now } }),

    /** Housekeeping at sign-in: a user's expired tokens can never be used again. */
    deleteExpired: (userId: string, now: Date): Promise<number> => tokens.deleteMany({ userId, expiresAt: { $lt: now } }),
  };
}
