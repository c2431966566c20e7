import { DuplicateKeyError, type DocumentStore } from '@skillgraph/platform';
import type { NotificationCategory, PreferencesRecord } from './records';

export const PREFERENCES_COLLECTION = { name: 'preferences' };

export type PreferenceRepository = Awaited<ReturnType<typeof openPreferenceRepository>>;

export async function openPreferenceRepository(store: DocumentStore) {
  const preferences = await store.collection<PreferencesRecord>(PREFERENCES_COLLECTION);
  return {
    /** The categories `userId` turned off; none when they never chose. */
    disabledFor: async (userId: string): Promise<NotificationCategory[]> => (await preferences.findOne({ _id: userId }))?.disabled ?? [],
    /** Replaces the choice (update first, insert when absent, update again if an insert raced). */
    async save(userId: string, disabled: NotificationCategory[], now: Date): Promise<NotificationCategory[]> {
      const set = { $set: { disabled, updatedAt: now } };
      if (await preferences.updateOne({ _id: userId }, set)) return disabled;
      try {
        await preferences.insertOne({ _id: userId, disabled, updatedAt: now });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        await preferences.updateOne({ _id: userId }, set);
      }
      return disabled;
    },
  };
}
