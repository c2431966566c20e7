import { createHash, randomBytes } from 'node:crypto';
import { stripEventFields, withOutbox, type AnyEvent, type DocumentStore } from '@skillgraph/platform';
import type { AccountTokenPurpose, AccountTokenRecord } from './records';

export const ACCOUNT_TOKENS_COLLECTION = {
  name: 'account_tokens',
  indexes: [{ fields: ['userId'] }],
};

const TOKEN_PREFIX = 'sga_';
const TOKEN_SHAPE = /^sga_[A-Za-z0-9_-]{43}$/;

/** A fresh token (256 random bits) and the hash it is stored under. */
export function mintAccountToken(): { token: string; hash: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashAccountToken(token) };
}

export const hashAccountToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const looksLikeAccountToken = (token: string): boolean => TOKEN_SHAPE.test(token);

export type AccountTokenRepository = Awaited<ReturnType<typeof openAccountTokenRepository>>;

export async function openAccountTokenRepository(store: DocumentStore) {
  const tokens = await store.collection<AccountTokenRecord>(ACCOUNT_TOKENS_COLLECTION);
  return {
    /** Stores the token with the event that asks for its email, in one write (outbox). */
    insert: async (record: AccountTokenRecord, events: readonly AnyEvent[]): Promise<void> => {
      await tokens.insertOne(withOutbox(record, events));
    },
    findByHash: async (hash: string): Promise<AccountTokenRecord | null> => {
      const found = await tokens.findOne({ _id: hash });
      return found && stripEventFields(found);
    },
    /**
     * Marks the token used only if it is unused, of this purpose and not expired: one conditional
     * write, so of two requests racing with one token exactly one gets the record back.
     */
    use: async (hash: string, purpose: AccountTokenPurpose, now: Date): Promise<AccountTokenRecord | null> => {
      const used = await tokens.updateOne({ _id: hash, purpose, usedAt: { $exists: false }, expiresAt: { $gt: now } }, { $set: { usedAt: now } });
      return used && stripEventFields(used);
    },
    /** After a reset, the user's other outstanding links of that purpose are spent too. */
    useAllOf: (userId: string, purpose: AccountTokenPurpose, now: Date): Promise<number> =>
      tokens.updateMany({ userId, purpose, usedAt: { $exists: false } }, { $set: { usedAt: now } }),
    /** The raw collection, for the outbox relay only. */
    outboxSource: tokens,
  };
}
