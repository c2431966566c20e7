/**
 * The document-store port. Repositories are written once against it; two real engines implement
 * it (nedb embedded, MongoDB through mongoose). Filters and updates are the Mongo query dialect
 * subset both engines share: comparison and logical operators, `$in`/`$nin`, `$exists`, `$regex`,
 * `$elemMatch`, dotted paths; updates with `$set`, `$unset`, `$inc`, `$push`, `$pull`,
 * `$addToSet`.
 */

/** Every stored document has a string id chosen by the application, never by the engine. */
export interface StoredDocument {
  _id: string;
}

// The dialect is shared by two engines with different typings; keeping it structural and loose
// here means repositories get one signature, and the contract suite pins the behaviour.
export type Filter = Record<string, unknown>;
export type Update = {
  $set?: Record<string, unknown>;
  $unset?: Record<string, true | 1 | ''>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $pull?: Record<string, unknown>;
  $addToSet?: Record<string, unknown>;
};

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
}

export interface IndexSpec {
  /** Field paths in order; more than one makes a compound index. */
  fields: string[];
  unique?: boolean;
  /** Documents lacking the field are left out of the index (so many may lack a unique field). */
  sparse?: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes?: IndexSpec[];
}

export interface Collection<T extends StoredDocument> {
  readonly name: string;
  insertOne(doc: T): Promise<T>;
  insertMany(docs: T[]): Promise<T[]>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /** Applies the update to the first match and returns the document after it, or null. */
  updateOne(filter: Filter, update: Update): Promise<T | null>;
  /** Returns how many documents matched. */
  updateMany(filter: Filter, update: Update): Promise<number>;
  /** Returns how many documents were removed. */
  deleteMany(filter: Filter): Promise<number>;
}

/** What a store reports for each query it runs, so tests and metrics count real round trips. */
export interface QueryEvent {
  collection: string;
  operation: 'insertOne' | 'insertMany' | 'findOne' | 'find' | 'count' | 'updateOne' | 'updateMany' | 'deleteMany';
  filter?: Filter;
}

export type QueryListener = (event: QueryEvent) => void;

export interface DocumentStore {
  /** Opens (creating if needed) a collection and ensures its indexes. */
  collection<T extends StoredDocument>(spec: CollectionSpec): Promise<Collection<T>>;
  /** Registers a listener called once per query sent to the engine; returns an unsubscribe. */
  onQuery(listener: QueryListener): () => void;
  /** Resolves when the engine answers; used by readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A unique index refused a write. Both adapters translate their engine's error to this. */
export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';
  constructor(
    readonly collection: string,
    readonly detail: string,
  ) {
    super(`duplicate key in ${collection}: ${detail}`);
  }
}

/**
 * The engine could not make a write durable, and the write did not happen: nothing changed in what
 * readers see, no event was staged with it. Safe to retry once the store is healthy again (the
 * client gets `SERVICE_UNAVAILABLE`, and the store's `ping()` fails until a write succeeds).
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly collection: string,
    cause: unknown,
  ) {
    super(`document store cannot write ${collection}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
