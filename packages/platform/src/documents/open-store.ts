import { openMongoStore } from './mongo-store';
import { openNedbStore } from './nedb-store';
import type { DocumentStore } from './port';

export interface OpenDocumentStoreOptions {
  /** When set, documents live in MongoDB (the distributed mode); everything else is ignored. */
  mongoUri?: string;
  /** Database name for MongoDB; defaults to the one in the URI. */
  mongoDbName?: string;
  /** Folder for the embedded store's files (e.g. `./data/users`); ignored when `inMemory`. */
  directory?: string;
  /** Keep the embedded store in memory only (tests); nothing survives `close()`. */
  inMemory?: boolean;
}

/**
 * The one place that picks the document engine, from configuration alone, so nothing above the
 * port knows which one runs. MongoDB wins when a URI is given; otherwise nedb, in memory when asked,
 * else on files in `directory`. Memory is never a silent fallback: data that vanishes on restart
 * must have been asked for.
 */
export async function openDocumentStore(options: OpenDocumentStoreOptions): Promise<DocumentStore> {
  if (options.mongoUri) {
    return openMongoStore({ uri: options.mongoUri, ...(options.mongoDbName ? { dbName: options.mongoDbName } : {}) });
  }
  if (options.inMemory) return openNedbStore();
  if (options.directory) return openNedbStore({ directory: options.directory });
  throw new Error('openDocumentStore needs mongoUri, directory or inMemory: true');
}
