export * from './port';
export { openNedbStore, type NedbStoreOptions } from './nedb-store';
export { openMongoStore, type MongoStoreOptions } from './mongo-store';
export { openDocumentStore, type OpenDocumentStoreOptions } from './open-store';
