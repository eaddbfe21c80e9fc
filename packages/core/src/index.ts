export type * from './ports/index.js';
export * from './messages/index.js';
export * from './rpc/index.js';
export * from './storage-memory/index.js';
