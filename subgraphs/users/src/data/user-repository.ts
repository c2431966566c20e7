import { conflict, DuplicateKeyError, paginate, type Connection, type DocumentStore, type PageArgs } from '@skillgraph/platform';
import type { UserRecord } from './records';

export const USERS_COLLECTION = {
  name: 'users',
  indexes: [{ fields: ['emailKey'], unique: true }],
};

export type UserRepository = Awaited<ReturnType<typeof openUserRepository>>;

export const emailTaken = () => conflict('An account with this email address already exists.', 'input.email');

export async function openUserRepository(store: DocumentStore) {
  const users = await store.collection<UserRecord>(USERS_COLLECTION);
  return {
    /** One query for any number of ids; the order of the result is not the order asked. */
    findByIds: (ids: readonly string[]): Promise<UserRecord[]> => users.find({ _id: { $in: [...ids] } }),
    findById: (id: string): Promise<UserRecord | null> => users.findOne({ _id: id }),
    /** `emailKey` must already be normalised. */
    findByEmailKey: (emailKey: string): Promise<UserRecord | null> => users.findOne({ emailKey }),
    list: (args: PageArgs): Promise<Connection<UserRecord>> => paginate(users, {}, args, (user) => user),
    /** Throws CONFLICT when the email is taken; the unique index decides, so two racing sign-ups cannot both win. */
    async insert(record: UserRecord): Promise<UserRecord> {
      try {
        return await users.insertOne(record);
      } catch (error) {
        if (error instanceof DuplicateKeyError) throw emailTaken();
        throw error;
      }
    },
    insertMany: (records: UserRecord[]): Promise<UserRecord[]> => users.insertMany(records),
    update: (id: string, changes: Partial<Pick<UserRecord, 'name' | 'role' | 'passwordHash'>>, now: Date): Promise<UserRecord | null> =>
      users.updateOne({ _id: id }, { $set: { ...changes, updatedAt: now } }),
    count: (): Promise<number> => users.count({}),
  };
}
