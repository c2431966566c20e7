export * from './start-stack';
export * from './config';
export * from './seed';
export * from './mail';
export * from './configured-stack';
