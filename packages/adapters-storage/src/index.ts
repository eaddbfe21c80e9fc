export { checkIntegrity, type IntegrityReport } from './check-integrity.js';
export { openSqliteStationStores, type SqliteStationStoresOptions } from './open-sqlite-station-stores.js';
export { CertificateStoreError, FileCertificateStore, type FileCertificateStoreOptions } from './certificates/index.js';
export { NodeFirmwareVerifier } from './firmware/index.js';
export {
  createInMemoryStationStores,
  InMemoryAuthCacheStore,
  InMemoryAvailabilityStore,
  InMemoryDeviceModelStore,
  InMemoryFirmwareStateStore,
  InMemoryMessageQueueStore,
  InMemoryNetworkProfileStore,
  InMemorySecurityLogStore,
  InMemoryTransactionStore,
  StoreError,
} from '@evstation/core';
