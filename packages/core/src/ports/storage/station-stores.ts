import type { AuthCacheStorePort } from './auth-cache-store.port.js';
import type { AvailabilityStorePort } from './availability-store.port.js';
import type { TransactionStorePort } from './transaction-store.port.js';
import type { DeviceModelStorePort } from './device-model-store.port.js';
import type { FirmwareStateStorePort } from './firmware-state-store.port.js';
import type { MessageQueueStorePort } from './message-queue-store.port.js';
import type { NetworkProfileStorePort } from './network-profile-store.port.js';
import type { SecurityLogStorePort } from './security-log-store.port.js';

/** What a storage failure is, as adapters report it (their library's errors never cross the port). */
export type StorageErrorKind = 'cannot-open' | 'corrupt' | 'newer-version' | 'not-found' | 'io';

/** Every store one station needs; one SQLite file or one in-memory set per station. */
export interface StationStores {
  deviceModel: DeviceModelStorePort;
  availability: AvailabilityStorePort;
  messageQueue: MessageQueueStorePort;
  securityLog: SecurityLogStorePort;
  networkProfiles: NetworkProfileStorePort;
  authCache: AuthCacheStorePort;
  transactions: TransactionStorePort;
  /** The firmware update in progress (L01), kept across the install reboot. */
  firmware: FirmwareStateStorePort;
  /** Closes the underlying database; stores must not be used afterwards. */
  close(): void;
}
