import {
  conflict,
  DuplicateKeyError,
  outboxPush,
  paginate,
  stripEventFields,
  withOutbox,
  type AnyEvent,
  type Connection,
  type DocumentStore,
  type PageArgs,
} from '@skillgraph/platform';
import type { UserRecord } from './records';

export const USERS_COLLECTION = {
  name: 'users',
  indexes: [{ fields: ['emailKey'], unique: true }],
};

export type UserRepository = Awaited<ReturnType<typeof openUserRepository>>;
export type UserChanges = Partial<Pick<UserRecord, 'name' | 'role' | 'passwordHash' | 'emailVerifiedAt'>>;

export const emailTaken = () => conflict('An account with this email address already exists.', 'input.email');

// Reads hand out plain records: the outbox stays inside the store.
const plain = (user: UserRecord): UserRecord => stripEventFields(user);
const plainOrNull = (user: UserRecord | null): UserRecord | null => user && plain(user);

export async function openUserRepository(store: DocumentStore) {
  const users = await store.collection<UserRecord>(USERS_COLLECTION);
  return {
    /** One query for any number of ids; the order of the result is not the order asked. */
    findByIds: async (ids: readonly string[]): Promise<UserRecord[]> => (await users.find({ _id: { $in: [...ids] } })).map(plain),
    findById: async (id: string): Promise<UserRecord | null> => plainOrNull(await users.findOne({ _id: id })),
    /** `emailKey` must already be normalised. */
    findByEmailKey: async (emailKey: string): Promise<UserRecord | null> => plainOrNull(await users.findOne({ emailKey })),
    list: (args: PageArgs): Promise<Connection<UserRecord>> => paginate(users, {}, args, plain),
    /**
     * Inserts the user with `events` staged in the same document. Throws CONFLICT when the email is
     * taken: the unique index decides, so two racing sign-ups cannot both win.
     */
    async insert(record: UserRecord, events: readonly AnyEvent[]): Promise<UserRecord> {
      try {
        return plain(await users.insertOne(withOutbox(record, events)));
      } catch (error) {
        if (error instanceof DuplicateKeyError) throw emailTaken();
        throw error;
      }
    },
    /** Demo data and tests: users that appear without a sign-up, hence without events. */
    insertMany: async (records: UserRecord[]): Promise<UserRecord[]> => (await users.insertMany(records)).map(plain),
    /**
     * Applies `changes` with `events` in one single-document write, only if the fields in
     * `expected` still hold the values the events were computed from. Null: someone changed them
     * meanwhile (or the user is gone) and nothing was written.
     */
    updateIf: async (id: string, expected: Partial<UserRecord>, changes: UserChanges, now: Date, events: readonly AnyEvent[] = []): Promise<UserRecord | null> =>
      plainOrNull(await users.updateOne({ ...expected, _id: id }, outboxPush(events, { $set: { ...changes, updatedAt: now } }))),
    count: (): Promise<number> => users.count({}),
    /** The raw collection, for the outbox relay only: its documents carry the staged events. */
    outboxSource: users,
  };
}
