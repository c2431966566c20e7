export * from './port';
export * from './config';
export * from './smtp-transport';
export * from './file-transport';
export * from './open-transport';
export * from './sealed-token';
