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
} from './port';

export interface NedbStoreOptions {
  /** Folder holding one `<collection>.db` file each; omitted means in memory (tests). */
  directory?: string;
}

/** The embedded adapter: nedb speaks the same Mongo dialect, in process, persisted to files. */
export async function openNedbStore(options: NedbStoreOptions = {}): Promise<DocumentStore> {
  if (options.directory) await fs.mkdir(options.directory, { recursive: true });
  const listeners = new Set<QueryListener>();
  const open = new Map<string, Datastore>();
  const emit = (event: QueryEvent): void => listeners.forEach((listener) => listener(event));

  return {
    async collection<T extends StoredDocument>(spec: CollectionSpec): Promise<Collection<T>> {
      let datastore = open.get(spec.name);
      if (!datastore) {
        datastore = options.directory
          ? new Datastore({ filename: path.join(options.directory, `${spec.name}.db`) })
          : new Datastore({ inMemoryOnly: true });
        await datastore.loadDatabaseAsync();
        open.set(spec.name, datastore);
      }
      for (const index of spec.indexes ?? []) {
        await datastore.ensureIndexAsync({
          fieldName: index.fields.length === 1 ? index.fields[0]! : index.fields,
          unique: index.unique ?? false,
          sparse: index.sparse ?? false,
        });
      }
      return nedbCollection<T>(spec.name, datastore, emit);
    },
    onQuery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async ping() {},
    async close() {
      // nedb appends to its files as it goes; compacting on close keeps the next start fast.
      await Promise.all([...open.values()].map((datastore) => datastore.compactDatafileAsync()));
      open.clear();
    },
  };
}

function nedbCollection<T extends StoredDocument>(
  name: string,
  datastore: Datastore,
  emit: (event: QueryEvent) => void,
): Collection<T> {
  const translate = async <R>(work: () => Promise<R>): Promise<R> => {
    try {
      return await work();
    } catch (error) {
      if ((error as { errorType?: string }).errorType === 'uniqueViolated') {
        throw new DuplicateKeyError(name, String((error as { key?: unknown }).key ?? ''));
      }
      throw error;
    }
  };

  return {
    name,
    async insertOne(doc) {
      emit({ collection: name, operation: 'insertOne' });
      return translate(async () => (await datastore.insertAsync(doc)) as unknown as T);
    },
    async insertMany(docs) {
      emit({ collection: name, operation: 'insertMany' });
      if (docs.length === 0) return [];
      return translate(async () => (await datastore.insertAsync(docs)) as unknown as T[]);
    },
    async findOne(filter) {
      emit({ collection: name, operation: 'findOne', filter });
      return ((await datastore.findOneAsync(filter)) as unknown as T | null) ?? null;
    },
    async find(filter: Filter, options: FindOptions = {}) {
      emit({ collection: name, operation: 'find', filter });
      let cursor = datastore.findAsync(filter);
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.skip) cursor = cursor.skip(options.skip);
      if (options.limit !== undefined) cursor = cursor.limit(options.limit);
      return (await cursor) as unknown as T[];
    },
    async count(filter) {
      emit({ collection: name, operation: 'count', filter });
      return datastore.countAsync(filter);
    },
    async updateOne(filter, update: Update) {
      emit({ collection: name, operation: 'updateOne', filter });
      return translate(async () => {
        const result = await datastore.updateAsync(filter, update, { multi: false, returnUpdatedDocs: true });
        return (result.affectedDocuments as unknown as T | null) ?? null;
      });
    },
    async updateMany(filter, update: Update) {
      emit({ collection: name, operation: 'updateMany', filter });
      return translate(async () => (await datastore.updateAsync(filter, update, { multi: true })).numAffected);
    },
    async deleteMany(filter) {
      emit({ collection: name, operation: 'deleteMany', filter });
      return datastore.removeAsync(filter, { multi: true });
    },
  };
}
