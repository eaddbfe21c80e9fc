export { availabilityScopeKey, compareAvailabilityScopes } from './availability-scope-key.js';
export { createInMemoryStationStores } from './create-in-memory-station-stores.js';
export { InMemoryAvailabilityStore } from './in-memory-availability-store.js';
export { InMemoryDeviceModelStore } from './in-memory-device-model-store.js';
export { InMemoryMessageQueueStore } from './in-memory-message-queue-store.js';
export { InMemoryNetworkProfileStore } from './in-memory-network-profile-store.js';
export { InMemorySecurityLogStore } from './in-memory-security-log-store.js';
export { securityLogRangeMs, type SecurityLogRangeMs } from './security-log-range.js';
export { StoreError } from './store-error.js';
export { cloneData, variableKey } from './store-keys.js';
export { authCacheKey, InMemoryAuthCacheStore } from './in-memory-auth-cache-store.js';
// Until ports/storage/index.ts lists them (integrator), the auth cache port types reach adapters through here.
export type { AuthCacheEntry, AuthCacheEvictionPolicy, AuthCacheStorePort } from '../ports/storage/auth-cache-store.port.js';
export { InMemoryTransactionStore } from './in-memory-transaction-store.js';
// Until ports/storage/index.ts lists them (integrator), the transaction store port types reach adapters through here.
export type { EvseFacts, ReportedFields, StopCause, TransactionRecord, TransactionStorePort } from '../ports/storage/transaction-store.port.js';
