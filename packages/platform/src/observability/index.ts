export * from './metrics';
export * from './tracing';
export * from './operations';
export * from './store';
export * from './outbox';
export * from './bus';
