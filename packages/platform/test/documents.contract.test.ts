/**
 * The DocumentStore contract, written once and run against every engine this machine has: nedb in
 * memory and on files always, MongoDB when MONGODB_URI points at one. Repositories rely on exactly
 * what is pinned here, so a behaviour missing from this file is one they must not rely on.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { recordSkip, runIf } from '../../../test/support/skips';
import {
  type Collection,
  type DocumentStore,
  type QueryEvent,
  type StoredDocument,
  DuplicateKeyError,
  StoreUnavailableError,
  openMongoStore,
  openNedbStore,
} from '../src/documents';

/** A place the store lives for one test; `open` reaches the same data each time it is called. */
interface Space {
  open(): Promise<DocumentStore>;
  dispose(): Promise<void>;
  /**
   * Makes every write to `collection` fail at the engine (after validation, where a half-done
   * write would hurt); resolves to the function that clears the fault. Absent when the engine has
   * no such failure (memory-only nedb writes nothing but memory), or when this server refuses to
   * inject one (reason returned as a string).
   */
  breakWrites?(collection: string): Promise<(() => Promise<void>) | string>;
}

interface Adapter {
  name: string;
  /** Whether data written before close() is there after opening again. */
  durable: boolean;
  createSpace(): Promise<Space>;
}

const mongoUri = process.env.MONGODB_URI;

const adapters: Adapter[] = [
  { name: 'nedb in memory', durable: false, createSpace: async () => ({ open: () => openNedbStore(), dispose: async () => {} }) },
  {
    name: 'nedb on files',
    durable: true,
    async createSpace() {
      const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-documents-'));
      return {
        open: () => openNedbStore({ directory }),
        dispose: () => fs.rm(directory, { recursive: true, force: true }),
        // Tests run as root, for whom permissions do not stop a write: a directory where the
        // collection's file was makes every append (and every rewrite) fail with EISDIR.
        async breakWrites(collection) {
          const file = path.join(directory, `${collection}.db`);
          const content = await fs.readFile(file);
          await fs.rm(file);
          await fs.mkdir(file);
          return async () => {
            await fs.rm(file, { recursive: true });
            await fs.writeFile(file, content);
          };
        },
      };
    },
  },
];

if (mongoUri) {
  adapters.push({
    name: 'MongoDB',
    durable: true,
    async createSpace() {
      // One database per test, dropped afterwards, so runs never see each other's documents.
      const dbName = `skillgraph_contract_${randomUUID().slice(0, 8)}`;
      return {
        open: () => openMongoStore({ uri: mongoUri, dbName }),
        dispose: () => dropMongoDatabase(mongoUri, dbName),
        breakWrites: () => mongoFailPoint(mongoUri),
      };
    },
  });
} else {
  recordSkip('MongoDB adapter: MONGODB_URI is not set (the nedb adapters still run)');
  test.skip('MongoDB adapter: skipped because MONGODB_URI is not set', () => {});
}

/** The server's own `failCommand` fail point (needs `--setParameter enableTestCommands=1`). */
async function mongoFailPoint(uri: string): Promise<(() => Promise<void>) | string> {
  const connection = await mongoose.createConnection(uri).asPromise();
  const admin = connection.db!.admin();
  try {
    await admin.command({
      configureFailPoint: 'failCommand',
      mode: 'alwaysOn',
      data: { failCommands: ['insert', 'update', 'findAndModify', 'delete'], errorCode: 91, errorLabels: ['RetryableWriteError'] },
    });
  } catch (error) {
    await connection.close();
    return `this MongoDB refuses fail points (${(error as Error).message}); start it with --setParameter enableTestCommands=1`;
  }
  return async () => {
    await admin.command({ configureFailPoint: 'failCommand', mode: 'off' });
    await connection.close();
  };
}

async function dropMongoDatabase(uri: string, dbName: string): Promise<void> {
  const connection = await mongoose.createConnection(uri, { dbName }).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}

interface Person extends StoredDocument {
  name: string;
  group: string;
  age: number;
  email?: string;
  tags?: string[];
  address?: { city: string; zip?: string };
  scores?: Array<{ subject: string; value: number }>;
  joinedAt?: Date;
  visits?: number;
}

const people: Person[] = [
  {
    _id: 'p1',
    name: 'Alice',
    group: 'a',
    age: 30,
    email: 'alice@example.com',
    tags: ['admin', 'math'],
    address: { city: 'Lyon', zip: '69001' },
    scores: [{ subject: 'math', value: 95 }],
    joinedAt: new Date('2024-01-10T00:00:00Z'),
  },
  {
    _id: 'p2',
    name: 'Bob',
    group: 'b',
    age: 25,
    tags: ['art'],
    address: { city: 'Paris' },
    scores: [
      { subject: 'math', value: 80 },
      { subject: 'art', value: 97 },
    ],
    joinedAt: new Date('2024-03-01T00:00:00Z'),
  },
  { _id: 'p3', name: 'alfred', group: 'a', age: 40, email: 'alfred@example.com', tags: [], joinedAt: new Date('2023-06-15T00:00:00Z') },
  { _id: 'p4', name: 'Carol', group: 'b', age: 35, address: { city: 'Lyon' }, scores: [{ subject: 'art', value: 60 }] },
  { _id: 'p5', name: 'Dan', group: 'a', age: 20, email: 'dan@example.com' },
  { _id: 'p6', name: 'Eve', group: 'c', age: 50, tags: ['math'] },
];

const ids = (docs: StoredDocument[]): string[] => docs.map((doc) => doc._id).sort();

async function expectDuplicate(write: Promise<unknown>, collection: string, value?: string): Promise<void> {
  const error: unknown = await write.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DuplicateKeyError);
  expect((error as DuplicateKeyError).collection).toBe(collection);
  if (value !== undefined) expect((error as DuplicateKeyError).detail).toContain(value);
}

describe.each(adapters)('$name adapter', (adapter) => {
  let space: Space;
  let store: DocumentStore;

  beforeEach(async () => {
    space = await adapter.createSpace();
    store = await space.open();
  });
  afterEach(async () => {
    await store.close();
    await space.dispose();
  });

  const seeded = async (): Promise<Collection<Person>> => {
    const collection = await store.collection<Person>({ name: 'people' });
    await collection.insertMany(people);
    return collection;
  };

  describe('writing and reading', () => {
    test('insertOne returns the document and findOne by id gives back the same plain object', async () => {
      const collection = await store.collection<Person>({ name: 'people' });
      const inserted = await collection.insertOne(people[0]!);
      expect(inserted).toStrictEqual(people[0]);
      const found = await collection.findOne({ _id: 'p1' });
      // Same shape as written: no engine fields such as __v, nested values intact, Dates as Dates.
      expect(found).toStrictEqual(people[0]);
      expect(found?.joinedAt).toBeInstanceOf(Date);
    });

    test('findOne returns null when nothing matches', async () => {
      const collection = await seeded();
      expect(await collection.findOne({ _id: 'nobody' })).toBeNull();
    });

    test('results are copies: editing the input or a result never edits what is stored', async () => {
      const collection = await store.collection<Person>({ name: 'people' });
      const input: Person = { _id: 'x', name: 'X', group: 'a', age: 1, tags: ['t'] };
      const inserted = await collection.insertOne(input);
      expect(inserted).not.toBe(input);
      input.tags!.push('from-input');
      inserted.tags!.push('from-result');
      expect((await collection.findOne({ _id: 'x' }))?.tags).toEqual(['t']);
    });

    test('insertMany stores every document; an empty list is a no-op', async () => {
      const collection = await seeded();
      expect(await collection.insertMany([])).toEqual([]);
      expect(ids(await collection.find({}))).toEqual(ids(people));
    });

    runIf(
      adapter.durable,
      `not applicable to the ${adapter.name} adapter: it keeps nothing across a reopen`,
      test,
    )('data survives close and reopen', async () => {
      const collection = await seeded();
      await collection.updateOne({ _id: 'p2' }, { $set: { age: 26 } });
      await store.close();
      store = await space.open();
      const reopened = await store.collection<Person>({ name: 'people' });
      expect(await reopened.count({})).toBe(people.length);
      expect(await reopened.findOne({ _id: 'p2' })).toStrictEqual({ ...people[1], age: 26 });
    });

    test('ping resolves', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });

  describe('filters', () => {
    test.each<[string, Record<string, unknown>, string[]]>([
      ['$in', { group: { $in: ['b', 'c'] } }, ['p2', 'p4', 'p6']],
      ['$nin', { group: { $nin: ['a', 'b'] } }, ['p6']],
      ['$gt and $lt together', { age: { $gt: 25, $lt: 40 } }, ['p1', 'p4']],
      ['$gte and $lte', { age: { $gte: 25, $lte: 40 } }, ['p1', 'p2', 'p3', 'p4']],
      ['$gt on dates', { joinedAt: { $gt: new Date('2024-01-01T00:00:00Z') } }, ['p1', 'p2']],
      ['$ne', { group: { $ne: 'a' } }, ['p2', 'p4', 'p6']],
      ['$regex with flags', { name: { $regex: /^al/i } }, ['p1', 'p3']],
      ['a bare regular expression', { name: /^al/ }, ['p3']],
      ['$or', { $or: [{ age: { $lt: 22 } }, { name: 'Eve' }] }, ['p5', 'p6']],
      ['$and', { $and: [{ group: 'a' }, { email: { $exists: true } }, { age: { $gt: 25 } }] }, ['p1', 'p3']],
      ['$exists: true', { email: { $exists: true } }, ['p1', 'p3', 'p5']],
      ['$exists: false', { email: { $exists: false } }, ['p2', 'p4', 'p6']],
      ['a dotted path into a sub-document', { 'address.city': 'Lyon' }, ['p1', 'p4']],
      ['a dotted path into an array of sub-documents', { 'scores.subject': 'art' }, ['p2', 'p4']],
      ['array membership by value', { tags: 'math' }, ['p1', 'p6']],
      ['$elemMatch (both conditions on one element)', { scores: { $elemMatch: { subject: 'math', value: { $gte: 90 } } } }, ['p1']],
      ['an empty filter', {}, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']],
    ])('%s', async (_label, filter, expected) => {
      const collection = await seeded();
      expect(ids(await collection.find(filter))).toEqual(expected);
      expect(await collection.count(filter)).toBe(expected.length);
    });

    test('findOne honours the filter, not just the first document', async () => {
      const collection = await seeded();
      expect((await collection.findOne({ group: 'c' }))?._id).toBe('p6');
    });
  });

  describe('sort, skip and limit', () => {
    test('sorts by two keys in order, then skips and limits', async () => {
      const collection = await seeded();
      const page = await collection.find({}, { sort: { group: 1, age: -1 }, skip: 1, limit: 3 });
      // Full order: p3 (a,40) p1 (a,30) p5 (a,20) p4 (b,35) p2 (b,25) p6 (c,50).
      expect(page.map((doc) => doc._id)).toEqual(['p1', 'p5', 'p4']);
    });

    test('limit alone and skip alone', async () => {
      const collection = await seeded();
      expect((await collection.find({}, { sort: { age: 1 }, limit: 2 })).map((doc) => doc._id)).toEqual(['p5', 'p2']);
      expect((await collection.find({}, { sort: { age: 1 }, skip: 4 })).map((doc) => doc._id)).toEqual(['p3', 'p6']);
    });

    test('sort applies before skip and limit, and to the filtered set only', async () => {
      const collection = await seeded();
      const page = await collection.find({ group: 'a' }, { sort: { age: -1 }, skip: 1, limit: 1 });
      expect(page.map((doc) => doc._id)).toEqual(['p1']);
    });
  });

  describe('keyset pages and counts over a larger collection', () => {
    interface Item extends StoredDocument {
      published: boolean;
      owner: string;
      n: number;
    }
    // Ids sort as their numbers do; a third unpublished, one owner in ten.
    const items: Item[] = Array.from({ length: 300 }, (_, n) => ({ _id: `i${String(n).padStart(4, '0')}`, published: n % 3 !== 0, owner: `o${n % 10}`, n }));
    const open = async (): Promise<Collection<Item>> => {
      const collection = await store.collection<Item>({ name: 'items', indexes: [{ fields: ['published'] }, { fields: ['owner'] }] });
      await collection.insertMany(items);
      return collection;
    };
    const expected = (keep: (item: Item) => boolean, order: 1 | -1, skip: number, limit: number): string[] => {
      const sorted = items.filter(keep).map((item) => item._id);
      if (order === -1) sorted.reverse();
      return sorted.slice(skip, skip + limit);
    };

    test.each<[string, Record<string, unknown>, (item: Item) => boolean]>([
      ['an indexed equality', { published: true }, (item) => item.published],
      [
        '$and of an indexed equality and an _id range',
        { $and: [{ published: true }, { _id: { $gt: 'i0150' } }] },
        (item) => item.published && item._id > 'i0150',
      ],
      [
        '$and with the same field twice',
        { $and: [{ n: { $gt: 100 } }, { n: { $lt: 200 } }, { published: false }] },
        (item) => item.n > 100 && item.n < 200 && !item.published,
      ],
      [
        '$and nested in $and',
        { $and: [{ $and: [{ published: true }, { owner: 'o3' }] }, { _id: { $gte: 'i0050' } }] },
        (item) => item.published && item.owner === 'o3' && item._id >= 'i0050',
      ],
      [
        '$or inside $and',
        { $and: [{ $or: [{ owner: 'o1' }, { owner: 'o2' }] }, { _id: { $lt: 'i0200' } }] },
        (item) => (item.owner === 'o1' || item.owner === 'o2') && item._id < 'i0200',
      ],
    ])('pages by _id in both directions and counts, for %s', async (_label, filter, keep) => {
      const collection = await open();
      for (const order of [1, -1] as const) {
        for (const [skip, limit] of [
          [0, 11],
          [5, 3],
          [0, 1000],
        ] as const) {
          const page = await collection.find(filter, { sort: { _id: order }, skip, limit });
          expect(page.map((item) => item._id)).toEqual(expected(keep, order, skip, limit));
        }
      }
      expect(await collection.count(filter)).toBe(items.filter(keep).length);
    });

    test('a batch look-up by a long $in list on an indexed field, with another condition, a sort, skip and limit', async () => {
      const collection = await open();
      const owners = Array.from({ length: 40 }, (_, k) => `o${k}`); // o0..o9 exist, the rest match nothing
      const keep = (item: Item) => item.published && owners.includes(item.owner);
      const ids = Array.from({ length: 120 }, (_, k) => `i${String(k * 2).padStart(4, '0')}`);
      expect((await collection.find({ owner: { $in: owners }, published: true }, { sort: { n: -1 } })).map((item) => item._id)).toEqual(
        expected(keep, -1, 0, 1000),
      );
      expect((await collection.find({ owner: { $in: owners }, published: true }, { sort: { n: 1 }, skip: 4, limit: 7 })).map((item) => item._id)).toEqual(
        expected(keep, 1, 4, 7),
      );
      const byId = await collection.find({ _id: { $in: ids } });
      expect(byId.map((item) => item._id).sort()).toEqual(ids);
      byId[0]!.owner = 'changed';
      expect((await collection.findOne({ _id: byId[0]!._id }))?.owner).not.toBe('changed');
    });

    test('a page is made of copies, like every other read', async () => {
      const collection = await open();
      const [first] = await collection.find({ published: true }, { sort: { _id: 1 }, limit: 2 });
      first!.owner = 'changed';
      expect((await collection.findOne({ _id: first!._id }))?.owner).not.toBe('changed');
    });

    test('a page and a count see a write made just before them', async () => {
      const collection = await open();
      await collection.updateOne({ _id: 'i0001' }, { $set: { published: false } });
      expect((await collection.find({ published: true }, { sort: { _id: 1 }, limit: 1 }))[0]?._id).toBe('i0002');
      expect(await collection.count({ published: true })).toBe(items.filter((item) => item.published).length - 1);
    });
  });

  describe('updates', () => {
    test('$set (also on a dotted path), $unset and $inc; updateOne returns the document after the update', async () => {
      const collection = await seeded();
      const updated = await collection.updateOne(
        { _id: 'p1' },
        { $set: { name: 'Alicia', 'address.city': 'Nice' }, $unset: { email: true }, $inc: { age: 2, visits: 1 } },
      );
      const expected: Person = { ...people[0]!, name: 'Alicia', address: { city: 'Nice', zip: '69001' }, age: 32, visits: 1 };
      delete expected.email;
      expect(updated).toStrictEqual(expected);
      expect(await collection.findOne({ _id: 'p1' })).toStrictEqual(expected);
    });

    test('$push one value, and several with $each', async () => {
      const collection = await seeded();
      expect((await collection.updateOne({ _id: 'p2' }, { $push: { tags: 'music' } }))?.tags).toEqual(['art', 'music']);
      const updated = await collection.updateOne({ _id: 'p2' }, { $push: { tags: { $each: ['x', 'y'] } } });
      expect(updated?.tags).toEqual(['art', 'music', 'x', 'y']);
      // A missing array is created.
      expect((await collection.updateOne({ _id: 'p5' }, { $push: { tags: 'new' } }))?.tags).toEqual(['new']);
    });

    test('$pull by value and by condition', async () => {
      const collection = await seeded();
      expect((await collection.updateOne({ _id: 'p1' }, { $pull: { tags: 'admin' } }))?.tags).toEqual(['math']);
      const updated = await collection.updateOne({ _id: 'p2' }, { $pull: { scores: { value: { $gt: 90 } } } });
      expect(updated?.scores).toEqual([{ subject: 'math', value: 80 }]);
    });

    test('$addToSet adds only what is missing, also with $each', async () => {
      const collection = await seeded();
      expect((await collection.updateOne({ _id: 'p1' }, { $addToSet: { tags: 'math' } }))?.tags).toEqual(['admin', 'math']);
      expect((await collection.updateOne({ _id: 'p1' }, { $addToSet: { tags: 'ops' } }))?.tags).toEqual(['admin', 'math', 'ops']);
      const updated = await collection.updateOne({ _id: 'p1' }, { $addToSet: { tags: { $each: ['ops', 'qa', 'qa'] } } });
      expect(updated?.tags).toEqual(['admin', 'math', 'ops', 'qa']);
    });

    test('updateOne returns null and inserts nothing when nothing matches', async () => {
      const collection = await seeded();
      expect(await collection.updateOne({ _id: 'nobody' }, { $set: { age: 1 } })).toBeNull();
      expect(await collection.count({})).toBe(people.length);
      expect(await collection.count({ age: 1 })).toBe(0);
    });

    test('updateOne changes exactly one of several matches', async () => {
      const collection = await seeded();
      await collection.updateOne({ group: 'a' }, { $set: { tags: ['picked'] } });
      expect(await collection.count({ tags: 'picked' })).toBe(1);
    });

    test('updateMany returns how many matched, even when a value was already set', async () => {
      const collection = await seeded();
      expect(await collection.updateMany({ group: 'a' }, { $set: { group: 'a' }, $inc: { age: 1 } })).toBe(3);
      expect(ids(await collection.find({ age: { $in: [31, 41, 21] } }))).toEqual(['p1', 'p3', 'p5']);
      expect(await collection.updateMany({ group: 'zzz' }, { $set: { age: 0 } })).toBe(0);
    });

    test('deleteMany returns how many were removed', async () => {
      const collection = await seeded();
      expect(await collection.deleteMany({ age: { $gte: 35 } })).toBe(3);
      expect(ids(await collection.find({}))).toEqual(['p1', 'p2', 'p5']);
      expect(await collection.deleteMany({ age: { $gte: 35 } })).toBe(0);
    });
  });

  describe('indexes', () => {
    const accounts = (extra: Array<{ fields: string[]; unique?: boolean; sparse?: boolean }> = []) =>
      store.collection<Person>({ name: 'accounts', indexes: [{ fields: ['email'], unique: true, sparse: true }, ...extra] });

    test('a unique index refuses a second insert with the same value', async () => {
      const collection = await accounts();
      await collection.insertOne(people[0]!);
      await expectDuplicate(collection.insertOne({ ...people[1]!, email: 'alice@example.com' }), 'accounts', 'alice@example.com');
      expect(await collection.count({})).toBe(1);
      await expectDuplicate(collection.insertMany([{ ...people[2]!, email: 'alice@example.com' }]), 'accounts');
    });

    test('a unique index refuses an update that would duplicate a value, leaving the document as it was', async () => {
      const collection = await accounts();
      await collection.insertMany([people[0]!, people[2]!]);
      await expectDuplicate(collection.updateOne({ _id: 'p3' }, { $set: { email: 'alice@example.com' } }), 'accounts', 'alice@example.com');
      expect((await collection.findOne({ _id: 'p3' }))?.email).toBe('alfred@example.com');
    });

    test('a sparse unique index lets many documents lack the field', async () => {
      const collection = await accounts();
      await collection.insertMany(people);
      expect(await collection.count({ email: { $exists: false } })).toBe(3);
    });

    test('a unique index that is not sparse refuses a second document lacking the field', async () => {
      const collection = await store.collection<Person>({ name: 'strict', indexes: [{ fields: ['email'], unique: true }] });
      await collection.insertOne(people[1]!);
      await expectDuplicate(collection.insertOne(people[3]!), 'strict');
    });

    test('a compound unique index refuses the same pair and accepts a different one', async () => {
      interface Enrollment extends StoredDocument {
        courseId: string;
        userId: string;
      }
      const enrollments = await store.collection<Enrollment>({
        name: 'enrollments',
        indexes: [{ fields: ['courseId', 'userId'], unique: true }],
      });
      await enrollments.insertOne({ _id: 'e1', courseId: 'c1', userId: 'u1' });
      await expectDuplicate(enrollments.insertOne({ _id: 'e2', courseId: 'c1', userId: 'u1' }), 'enrollments');
      await enrollments.insertOne({ _id: 'e3', courseId: 'c1', userId: 'u2' });
      await enrollments.insertOne({ _id: 'e4', courseId: 'c2', userId: 'u1' });
      expect(ids(await enrollments.find({}))).toEqual(['e1', 'e3', 'e4']);
    });

    test('the _id is unique without declaring an index', async () => {
      const collection = await seeded();
      await expectDuplicate(collection.insertOne({ ...people[0]!, name: 'Again' }), 'people', 'p1');
    });

    test('opening a collection again keeps its data and its indexes', async () => {
      await (await accounts()).insertOne(people[0]!);
      const again = await accounts();
      expect(await again.count({})).toBe(1);
      await expectDuplicate(again.insertOne({ ...people[1]!, email: 'alice@example.com' }), 'accounts');
    });
  });

  describe('a write the engine cannot make durable', () => {
    const injectable = adapter.name !== 'nedb in memory';
    if (!injectable) {
      recordSkip('a write the engine cannot make durable: not applicable to the memory-only engine (no write can fail after validation)');
      test.skip('not applicable: the memory-only engine has no write that can fail after validation', () => {});
      return;
    }

    /** Breaks writes on the seeded collection, or returns null (and says why) when the engine will not. */
    const breakPeople = async (): Promise<(() => Promise<void>) | null> => {
      const repair = await space.breakWrites!('people');
      if (typeof repair === 'string') {
        console.info(`${adapter.name}: fault injection skipped: ${repair}`);
        return null;
      }
      return repair;
    };

    test('every kind of write fails with StoreUnavailableError and changes nothing readers see', async () => {
      const collection = await seeded();
      const before = await collection.find({}, { sort: { _id: 1 } });
      const repair = await breakPeople();
      if (!repair) return;
      try {
        const attempts: Array<[string, () => Promise<unknown>]> = [
          ['insertOne', () => collection.insertOne({ _id: 'p7', name: 'Fay', group: 'c', age: 22 })],
          ['insertMany', () => collection.insertMany([{ _id: 'p8', name: 'Gus', group: 'c', age: 23 }])],
          ['updateOne', () => collection.updateOne({ _id: 'p1' }, { $set: { name: 'Changed' }, $push: { tags: 'x' } })],
          ['updateMany', () => collection.updateMany({ group: 'a' }, { $inc: { age: 100 } })],
          ['deleteMany', () => collection.deleteMany({ group: 'b' })],
        ];
        for (const [operation, attempt] of attempts) {
          const error = await attempt().then(
            () => undefined,
            (caught: unknown) => caught,
          );
          expect([operation, error]).toEqual([operation, expect.any(StoreUnavailableError)]);
          expect((error as StoreUnavailableError).collection).toBe('people');
        }
        expect(await collection.find({}, { sort: { _id: 1 } })).toStrictEqual(before);
        await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      } finally {
        await repair();
      }
      // Once the fault clears, readiness recovers and the next write goes through.
      await expect(store.ping()).resolves.toBeUndefined();
      await collection.insertOne({ _id: 'p7', name: 'Fay', group: 'c', age: 22 });
      expect(await collection.count({})).toBe(people.length + 1);
    });

    runIf(
      adapter.durable,
      `not applicable to the ${adapter.name} adapter: it keeps nothing across a reopen`,
      test,
    )('after the fault clears, a reopened store holds exactly the successful writes', async () => {
      const collection = await seeded();
      const repair = await breakPeople();
      if (!repair) return;
      await expect(collection.updateOne({ _id: 'p2' }, { $set: { age: 99 } })).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(collection.insertOne({ _id: 'ghost', name: 'Ghost', group: 'z', age: 1 })).rejects.toBeInstanceOf(StoreUnavailableError);
      await repair();
      await collection.updateOne({ _id: 'p3' }, { $set: { age: 41 } });
      await store.close();
      store = await space.open();
      const reopened = await store.collection<Person>({ name: 'people' });
      expect(ids(await reopened.find({}))).toEqual(ids(people));
      expect((await reopened.findOne({ _id: 'p2' }))?.age).toBe(25);
      expect((await reopened.findOne({ _id: 'p3' }))?.age).toBe(41);
    });
  });

  describe('query events', () => {
    test('every operation reports exactly one event, with its filter when it has one', async () => {
      const events: QueryEvent[] = [];
      store.onQuery((event) => events.push(event));
      const collection = await store.collection<Person>({ name: 'people', indexes: [{ fields: ['email'], unique: true, sparse: true }] });
      expect(events).toEqual([]);

      await collection.insertOne(people[0]!);
      await collection.insertMany([people[1]!, people[2]!]);
      await collection.findOne({ _id: 'p1' });
      await collection.find({ group: 'a' }, { sort: { age: 1 }, limit: 1 });
      await collection.count({ group: 'b' });
      await collection.updateOne({ _id: 'p2' }, { $inc: { age: 1 } });
      await collection.updateMany({ group: 'a' }, { $set: { visits: 0 } });
      await collection.deleteMany({ _id: 'p3' });
      await expectDuplicate(collection.insertOne({ ...people[3]!, email: 'alice@example.com' }), 'people');

      expect(events).toEqual([
        { collection: 'people', operation: 'insertOne' },
        { collection: 'people', operation: 'insertMany' },
        { collection: 'people', operation: 'findOne', filter: { _id: 'p1' } },
        { collection: 'people', operation: 'find', filter: { group: 'a' } },
        { collection: 'people', operation: 'count', filter: { group: 'b' } },
        { collection: 'people', operation: 'updateOne', filter: { _id: 'p2' } },
        { collection: 'people', operation: 'updateMany', filter: { group: 'a' } },
        { collection: 'people', operation: 'deleteMany', filter: { _id: 'p3' } },
        { collection: 'people', operation: 'insertOne' },
      ]);
    });

    test('unsubscribing stops one listener and leaves the others', async () => {
      const first: QueryEvent[] = [];
      const second: QueryEvent[] = [];
      const unsubscribe = store.onQuery((event) => first.push(event));
      store.onQuery((event) => second.push(event));
      const collection = await seeded();
      expect(first).toHaveLength(1);
      unsubscribe();
      await collection.findOne({ _id: 'p1' });
      await collection.count({});
      expect(first).toHaveLength(1);
      expect(second.map((event) => event.operation)).toEqual(['insertMany', 'findOne', 'count']);
    });
  });
});
