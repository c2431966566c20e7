import path from 'node:path';
import fs from 'node:fs/promises';
import Datastore from '@seald-io/nedb';
import {
  type Collection,
  type CollectionSpec,
  type DocumentStore,
  type Filter,
  type FindOptions,
  type QueryEvent,
  type QueryListener,
  type StoredDocument,
  type Update,
  DuplicateKeyError,
  StoreUnavailableError,
} from './port';
import { countByIndex, findByInList, findInIdOrder, flattenConjunction } from './nedb-query-plan';

export interface NedbStoreOptions {
  /** Folder holding one `<collection>.db` file each; omitted means in memory (tests). */
  directory?: string;
}

/**
 * One collection's datastore and what it takes to keep a failed write invisible.
 *
 * nedb changes its memory first and appends to the file second; when the append fails, the change
 * would stay readable (and its staged events publishable) although it never reached the disk. So
 * on a file-backed store every operation on a collection runs one at a time (nedb serialises them
 * anyway), each write remembers how to undo itself, and a write whose append fails is undone in
 * memory before anyone else reads.
 */
interface Slot {
  name: string;
  datastore: Datastore;
  onFile: boolean;
  tail: Promise<unknown>;
  /** Set by a failed write; cleared once the whole file has been rewritten from memory. */
  failure?: unknown;
}

/** The embedded adapter: nedb speaks the same Mongo dialect, in process, persisted to files. */
export async function openNedbStore(options: NedbStoreOptions = {}): Promise<DocumentStore> {
  if (options.directory) await fs.mkdir(options.directory, { recursive: true });
  const listeners = new Set<QueryListener>();
  const open = new Map<string, Slot>();
  const emit = (event: QueryEvent): void => listeners.forEach((listener) => listener(event));

  return {
    async collection<T extends StoredDocument>(spec: CollectionSpec): Promise<Collection<T>> {
      let slot = open.get(spec.name);
      if (!slot) {
        const datastore = options.directory
          ? new Datastore({ filename: path.join(options.directory, `${spec.name}.db`) })
          : new Datastore({ inMemoryOnly: true });
        await datastore.loadDatabaseAsync();
        slot = { name: spec.name, datastore, onFile: options.directory !== undefined, tail: Promise.resolve() };
        open.set(spec.name, slot);
      }
      for (const index of spec.indexes ?? []) {
        await slot.datastore.ensureIndexAsync({
          fieldName: index.fields.length === 1 ? index.fields[0]! : index.fields,
          unique: index.unique ?? false,
          sparse: index.sparse ?? false,
        });
      }
      return nedbCollection<T>(slot, emit);
    },
    onQuery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async ping() {
      // Unready while a write failure is unrepaired; the repair is itself the probe write.
      for (const slot of open.values()) {
        if (slot.failure !== undefined) await exclusive(slot, () => repair(slot));
      }
    },
    async close() {
      // nedb appends to its files as it goes; compacting on close keeps the next start fast.
      const results = await Promise.allSettled([...open.values()].map((slot) => exclusive(slot, () => slot.datastore.compactDatafileAsync())));
      open.clear();
      const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

/** Runs `work` after every operation queued before it on this collection (file-backed only). */
function exclusive<R>(slot: Slot, work: () => Promise<R>): Promise<R> {
  if (!slot.onFile) return work();
  const run = slot.tail.then(work);
  slot.tail = run.catch(() => undefined);
  return run;
}

/**
 * After a failed append the file may end in a partial line, or lack what memory was restored to:
 * rewrite it whole from memory (nedb writes a temporary file and renames it) before trusting it again.
 */
async function repair(slot: Slot): Promise<void> {
  if (slot.failure === undefined) return;
  try {
    await slot.datastore.compactDatafileAsync();
    delete slot.failure;
  } catch (error) {
    slot.failure = error;
    throw new StoreUnavailableError(slot.name, error);
  }
}

/** File-system errors (EACCES, ENOSPC, EISDIR...) as opposed to nedb refusing the write itself. */
function isStorageFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && !('errorType' in error);
}

/** An undo runs its own nedb write, whose append may fail too: what matters is its effect on memory. */
const ignoringPersistence = async (work: () => Promise<unknown>): Promise<void> => {
  await work().catch(() => undefined);
};

type Undo = () => Promise<void>;

function nedbCollection<T extends StoredDocument>(slot: Slot, emit: (event: QueryEvent) => void): Collection<T> {
  const { name, datastore } = slot;

  const read = <R>(work: () => Promise<R>): Promise<R> => exclusive(slot, work);

  /** `prepare` snapshots what the write may touch and returns how to put it back. */
  const write = <R>(work: () => Promise<R>, prepare: () => Promise<Undo>): Promise<R> =>
    exclusive(slot, async () => {
      try {
        if (!slot.onFile) return await work();
        await repair(slot);
        const undo = await prepare();
        try {
          return await work();
        } catch (error) {
          if (!isStorageFailure(error)) throw error;
          await undo();
          slot.failure = error;
          throw new StoreUnavailableError(name, error);
        }
      } catch (error) {
        if ((error as { errorType?: string }).errorType === 'uniqueViolated') {
          throw new DuplicateKeyError(name, String((error as { key?: unknown }).key ?? ''));
        }
        throw error;
      }
    });

  const removeInserted = (docs: StoredDocument[]) => async (): Promise<Undo> => async () =>
    ignoringPersistence(() => datastore.removeAsync({ _id: { $in: docs.map((doc) => doc._id) } }, { multi: true }));

  const restore =
    (snapshot: StoredDocument[]): Undo =>
    async () => {
      for (const doc of snapshot) await ignoringPersistence(() => datastore.updateAsync({ _id: doc._id }, doc, {}));
    };

  return {
    name,
    async insertOne(doc) {
      emit({ collection: name, operation: 'insertOne' });
      return write(async () => (await datastore.insertAsync(doc)) as unknown as T, removeInserted([doc]));
    },
    async insertMany(docs) {
      emit({ collection: name, operation: 'insertMany' });
      if (docs.length === 0) return [];
      return write(async () => (await datastore.insertAsync(docs)) as unknown as T[], removeInserted(docs));
    },
    async findOne(filter) {
      emit({ collection: name, operation: 'findOne', filter });
      return read(async () => ((await datastore.findOneAsync(flattenConjunction(filter))) as unknown as T | null) ?? null);
    },
    async find(filter: Filter, options: FindOptions = {}) {
      emit({ collection: name, operation: 'find', filter });
      return read(async () => {
        const query = flattenConjunction(filter);
        const planned = findByInList(datastore, query, options) ?? findInIdOrder(datastore, query, options);
        if (planned) return planned as unknown as T[];
        let cursor = datastore.findAsync(query);
        if (options.sort) cursor = cursor.sort(options.sort);
        if (options.skip) cursor = cursor.skip(options.skip);
        if (options.limit !== undefined) cursor = cursor.limit(options.limit);
        return (await cursor) as unknown as T[];
      });
    },
    async count(filter) {
      emit({ collection: name, operation: 'count', filter });
      return read(async () => {
        const query = flattenConjunction(filter);
        return countByIndex(datastore, query) ?? datastore.countAsync(query);
      });
    },
    async updateOne(filter, update: Update) {
      emit({ collection: name, operation: 'updateOne', filter });
      return write(
        async () => {
          const result = await datastore.updateAsync(filter, update, { multi: false, returnUpdatedDocs: true });
          return (result.affectedDocuments as unknown as T | null) ?? null;
        },
        // nedb updates the first match in the same order findOne returns it.
        async () => {
          const before = (await datastore.findOneAsync(filter)) as StoredDocument | null;
          return restore(before ? [before] : []);
        },
      );
    },
    async updateMany(filter, update: Update) {
      emit({ collection: name, operation: 'updateMany', filter });
      return write(
        async () => (await datastore.updateAsync(filter, update, { multi: true })).numAffected,
        async () => restore((await datastore.findAsync(filter)) as StoredDocument[]),
      );
    },
    async deleteMany(filter) {
      emit({ collection: name, operation: 'deleteMany', filter });
      return write(
        () => datastore.removeAsync(filter, { multi: true }),
        async () => {
          const removed = (await datastore.findAsync(filter)) as StoredDocument[];
          return async () => {
            if (removed.length > 0) await ignoringPersistence(() => datastore.insertAsync(removed));
          };
        },
      );
    },
  };
}
