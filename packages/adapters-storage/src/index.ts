export { checkIntegrity, type IntegrityReport } from './check-integrity.js';
export { openSqliteStationStores, type SqliteStationStoresOptions } from './open-sqlite-station-stores.js';
export {
  createInMemoryStationStores,
  InMemoryAvailabilityStore,
  InMemoryDeviceModelStore,
  InMemoryMessageQueueStore,
  InMemoryNetworkProfileStore,
  InMemorySecurityLogStore,
  StoreError,
} from '@evstation/core';
