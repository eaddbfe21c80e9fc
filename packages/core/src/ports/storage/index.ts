export type { AvailabilityRecord, AvailabilityScope, AvailabilityStorePort } from './availability-store.port.js';
export type {
  ComponentKey,
  DeviceModelStorePort,
  StoredAttribute,
  StoredCharacteristics,
  StoredVariable,
  ValueSource,
  VariableKey,
} from './device-model-store.port.js';
export type { MessageQueueStorePort, NewQueuedMessage, QueuedMessage, QueuedMessageKind } from './message-queue-store.port.js';
export type { NetworkProfileSlot, NetworkProfileStorePort } from './network-profile-store.port.js';
export type { SecurityLogEntry, SecurityLogStorePort } from './security-log-store.port.js';
export type { StationStores, StorageErrorKind } from './station-stores.js';
export type { AuthCacheEntry, AuthCacheEvictionPolicy, AuthCacheStorePort } from './auth-cache-store.port.js';
export type { EvseFacts, ReportedFields, StopCause, TransactionRecord, TransactionStorePort } from './transaction-store.port.js';
export type { FirmwareStateStorePort, FirmwareUpdateRecord } from './firmware-state-store.port.js';
