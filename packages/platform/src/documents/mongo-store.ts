import mongoose, { type Connection, type Model } from 'mongoose';
import {
  type Collection,
  type CollectionSpec,
  type DocumentStore,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type QueryEvent,
  type QueryListener,
  type StoredDocument,
  type Update,
  DuplicateKeyError,
  StoreUnavailableError,
} from './port';

export interface MongoStoreOptions {
  /** A `mongodb://` or `mongodb+srv://` URI; in compose it names the replica set (`?replicaSet=rs0`). */
  uri: string;
  /** Database to use; defaults to the one named in the URI (and the driver's `test` without one). */
  dbName?: string;
}

/** What mongoose sees: any fields, since the shape belongs to the repositories, not to mongoose. */
type RawDocument = Record<string, unknown>;
type RawModel = Model<RawDocument>;

/** The distributed adapter: MongoDB through mongoose, one model per collection. */
export async function openMongoStore(options: MongoStoreOptions): Promise<DocumentStore> {
  const connection = mongoose.createConnection(options.uri, {
    ...(options.dbName ? { dbName: options.dbName } : {}),
    // A query issued while disconnected should fail, not wait forever in mongoose's buffer.
    bufferCommands: false,
    // Indexes are built by `collection()` and awaited there, so a unique index that cannot be
    // built fails start-up instead of surfacing as a background 'error' event later.
    autoIndex: false,
    // nedb drops `undefined` fields when it persists; storing them as null here would make the
    // two engines disagree on `$exists`.
    ignoreUndefined: true,
  });
  await connection.asPromise();

  const listeners = new Set<QueryListener>();
  const emit = (event: QueryEvent): void => listeners.forEach((listener) => listener(event));
  const models = new Map<string, RawModel>();
  // Set by a write the server did not take; readiness fails until a write goes through again.
  const health: WriteHealth = {};

  return {
    async collection<T extends StoredDocument>(spec: CollectionSpec): Promise<Collection<T>> {
      let model = models.get(spec.name);
      if (!model) {
        model = defineModel(connection, spec.name);
        models.set(spec.name, model);
      }
      await ensureIndexes(model, spec.indexes ?? []);
      return mongoCollection<T>(spec.name, model, emit, health);
    },
    onQuery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async ping() {
      const db = connection.db;
      if (!db) throw new Error('MongoDB connection is not open');
      await db.admin().ping();
      if (health.failure === undefined) return;
      try {
        await db.collection<{ _id: string }>(PROBE_COLLECTION).updateOne({ _id: 'write-probe' }, { $set: { at: new Date() } }, { upsert: true });
        delete health.failure;
      } catch (error) {
        health.failure = error;
        throw new StoreUnavailableError(PROBE_COLLECTION, error);
      }
    },
    async close() {
      models.clear();
      await connection.close();
    },
  };
}

interface WriteHealth {
  failure?: unknown;
}

/** Where readiness proves that writes go through again after one failed. */
const PROBE_COLLECTION = '_skillgraph_write_probe';

function defineModel(connection: Connection, name: string): RawModel {
  const schema = new mongoose.Schema<RawDocument>(
    // Ids are chosen by the application (see StoredDocument), so no ObjectId default.
    { _id: String },
    {
      strict: false,
      // Filters on fields the schema does not declare (all of them) must reach the server as written.
      strictQuery: false,
      versionKey: false,
      timestamps: false,
      // Empty objects are data (e.g. `settings: {}`); nedb keeps them, so must we.
      minimize: false,
      autoIndex: false,
      // Without this mongoose would pluralise the model name into the collection name.
      collection: name,
    },
  );
  const model = connection.model<RawDocument>(name, schema, name);
  // Mongoose also emits index build failures as 'error' events, and an EventEmitter without a
  // listener throws them out of its promise chain; `createIndexes()` rejects with the same error.
  model.on('error', () => {});
  return model;
}

/**
 * Adds the spec's indexes to the model's schema and builds any that are missing. `createIndexes`
 * only adds; `syncIndexes` would also drop indexes that another caller of `collection()` for the
 * same name declared, which is not this function's call to make.
 */
async function ensureIndexes(model: RawModel, indexes: IndexSpec[]): Promise<void> {
  const declared = new Set(model.schema.indexes().map(([fields]) => Object.keys(fields).join(',')));
  for (const index of indexes) {
    if (declared.has(index.fields.join(','))) continue;
    model.schema.index(Object.fromEntries(index.fields.map((field) => [field, 1])), {
      unique: index.unique ?? false,
      sparse: index.sparse ?? false,
    });
  }
  // Creates the collection too, so a later transaction never has to.
  await model.init();
  await model.createIndexes();
}

function mongoCollection<T extends StoredDocument>(
  name: string,
  model: RawModel,
  emit: (event: QueryEvent) => void,
  health: WriteHealth,
): Collection<T> {
  const translate = async <R>(work: () => Promise<R>): Promise<R> => {
    try {
      const result = await work();
      delete health.failure;
      return result;
    } catch (error) {
      const duplicate = duplicateKeyDetail(error);
      if (duplicate !== undefined) throw new DuplicateKeyError(name, duplicate);
      if (isUnavailable(error)) {
        health.failure = error;
        throw new StoreUnavailableError(name, error);
      }
      throw error;
    }
  };
  // Results cross the port typed as the repository's record; the schema is permissive by design.
  const asRecord = (doc: unknown): T | null => (doc ?? null) as T | null;

  const insert = async (docs: T[]): Promise<T[]> => {
    // `lean` skips hydration and casting: the documents go to the driver exactly as given.
    await translate(() => model.insertMany(docs, { lean: true }));
    // Callers get their own copies, as nedb hands out, so editing a result never edits the input.
    return docs.map((doc) => structuredClone(doc));
  };

  return {
    name,
    async insertOne(doc) {
      emit({ collection: name, operation: 'insertOne' });
      const [inserted] = await insert([doc]);
      return inserted!;
    },
    async insertMany(docs) {
      emit({ collection: name, operation: 'insertMany' });
      if (docs.length === 0) return [];
      return insert(docs);
    },
    async findOne(filter) {
      emit({ collection: name, operation: 'findOne', filter });
      return asRecord(await model.findOne(filter).lean().exec());
    },
    async find(filter: Filter, options: FindOptions = {}) {
      emit({ collection: name, operation: 'find', filter });
      let query = model.find(filter);
      if (options.sort) query = query.sort(options.sort);
      if (options.skip) query = query.skip(options.skip);
      if (options.limit !== undefined) query = query.limit(options.limit);
      return (await query.lean().exec()) as unknown as T[];
    },
    async count(filter) {
      emit({ collection: name, operation: 'count', filter });
      return model.countDocuments(filter).exec();
    },
    async updateOne(filter, update: Update) {
      emit({ collection: name, operation: 'updateOne', filter });
      return translate(async () =>
        asRecord(await model.findOneAndUpdate(filter, update, { returnDocument: 'after' }).lean().exec()),
      );
    },
    async updateMany(filter, update: Update) {
      emit({ collection: name, operation: 'updateMany', filter });
      return translate(async () => (await model.updateMany(filter, update).exec()).matchedCount);
    },
    async deleteMany(filter) {
      emit({ collection: name, operation: 'deleteMany', filter });
      return translate(async () => (await model.deleteMany(filter).exec()).deletedCount);
    },
  };
}

const DUPLICATE_KEY = 11000;

/** Driver errors meaning "no primary took the write" (or it may be retried as the driver would). */
const UNAVAILABLE_ERRORS = new Set(['MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError', 'MongoNotConnectedError', 'MongoWriteConcernError']);

function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const labelled = error as { name?: unknown; errorLabels?: unknown; hasErrorLabel?: (label: string) => boolean };
  if (typeof labelled.name === 'string' && UNAVAILABLE_ERRORS.has(labelled.name)) return true;
  return typeof labelled.hasErrorLabel === 'function' && labelled.hasErrorLabel('RetryableWriteError');
}

interface ServerErrorShape {
  code?: unknown;
  keyValue?: Record<string, unknown>;
  errmsg?: unknown;
  message?: unknown;
  // Bulk inserts report per-document errors; the raw server error sits under `err`.
  writeErrors?: Array<{ code?: unknown; err?: { keyValue?: Record<string, unknown>; errmsg?: unknown } }>;
}

/**
 * The duplicated key as text (the value alone for a one-field index, like nedb reports it), or
 * undefined when the error is not a duplicate key.
 */
function duplicateKeyDetail(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as ServerErrorShape;
  const firstWrite = shape.writeErrors?.[0];
  if (shape.code !== DUPLICATE_KEY && firstWrite?.code !== DUPLICATE_KEY) return undefined;
  const keyValue = shape.keyValue ?? firstWrite?.err?.keyValue;
  if (!keyValue) return String(firstWrite?.err?.errmsg ?? shape.errmsg ?? shape.message ?? '');
  const entries = Object.entries(keyValue);
  if (entries.length === 1) return String(entries[0]![1]);
  return entries.map(([field, value]) => `${field}: ${String(value)}`).join(', ');
}
