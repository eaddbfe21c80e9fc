import type { StationStores } from '../ports/storage/station-stores.js';
import { InMemoryAuthCacheStore } from './in-memory-auth-cache-store.js';
import { InMemoryAvailabilityStore } from './in-memory-availability-store.js';
import { InMemoryTransactionStore } from './in-memory-transaction-store.js';
import { InMemoryDeviceModelStore } from './in-memory-device-model-store.js';
import { InMemoryFirmwareStateStore } from './in-memory-firmware-state-store.js';
import { InMemoryMessageQueueStore } from './in-memory-message-queue-store.js';
import { InMemoryNetworkProfileStore } from './in-memory-network-profile-store.js';
import { InMemorySecurityLogStore } from './in-memory-security-log-store.js';

/** A fresh, empty set of every store of one station, held in memory (`--db :memory:` simulators and tests). */
export function createInMemoryStationStores(): StationStores {
  return {
    deviceModel: new InMemoryDeviceModelStore(),
    availability: new InMemoryAvailabilityStore(),
    messageQueue: new InMemoryMessageQueueStore(),
    securityLog: new InMemorySecurityLogStore(),
    networkProfiles: new InMemoryNetworkProfileStore(),
    authCache: new InMemoryAuthCacheStore(),
    transactions: new InMemoryTransactionStore(),
    firmware: new InMemoryFirmwareStateStore(),
    close: () => undefined,
  };
}
