import { applyOnce, insertOnce, stripEventFields, type ApplyResult, type DocumentStore, type EventRef } from '@skillgraph/platform';
import type { RecipientRecord } from './records';

export const RECIPIENTS_COLLECTION = { name: 'recipients' };

export type RecipientChanges = Partial<Pick<RecipientRecord, 'email' | 'name' | 'role'>>;

export type RecipientDirectory = Awaited<ReturnType<typeof openRecipientDirectory>>;

/**
 * Who is who, for events that carry only a user id: a projection of user.events (USER_REGISTERED
 * and the account emails create it; USER_UPDATED and USER_ROLE_CHANGED keep it current).
 */
export async function openRecipientDirectory(store: DocumentStore) {
  const recipients = await store.collection<RecipientRecord>(RECIPIENTS_COLLECTION);
  return {
    get: async (userId: string): Promise<RecipientRecord | null> => {
      const found = await recipients.findOne({ _id: userId });
      return found && stripEventFields(found);
    },
    /** The user id is the natural key: a second insert for one person changes nothing. */
    insertIfAbsent: (recipient: RecipientRecord): Promise<'applied' | 'duplicate'> => insertOnce(recipients, recipient),
    applyOnce: (userId: string, ref: EventRef, changes: RecipientChanges): Promise<ApplyResult> => applyOnce(recipients, userId, ref, { $set: { ...changes } }),
  };
}
