import { describe, expect, it } from 'vitest';
import {
  availabilityStoreContract,
  deviceModelStoreContract,
  messageQueueStoreContract,
  networkProfileStoreContract,
  securityLogStoreContract,
  stationStoresContract,
} from '../testing/store-contracts/index.js';
import { createInMemoryStationStores } from './create-in-memory-station-stores.js';
import { InMemoryAvailabilityStore } from './in-memory-availability-store.js';
import { InMemoryDeviceModelStore } from './in-memory-device-model-store.js';
import { InMemoryMessageQueueStore } from './in-memory-message-queue-store.js';
import { InMemoryNetworkProfileStore } from './in-memory-network-profile-store.js';
import { InMemorySecurityLogStore } from './in-memory-security-log-store.js';

deviceModelStoreContract('InMemoryDeviceModelStore', () => ({ store: new InMemoryDeviceModelStore() }));
availabilityStoreContract('InMemoryAvailabilityStore', () => ({ store: new InMemoryAvailabilityStore() }));
messageQueueStoreContract('InMemoryMessageQueueStore', () => ({ store: new InMemoryMessageQueueStore() }));
securityLogStoreContract('InMemorySecurityLogStore', () => ({ store: new InMemorySecurityLogStore() }));
networkProfileStoreContract('InMemoryNetworkProfileStore', () => ({ store: new InMemoryNetworkProfileStore() }));
stationStoresContract('createInMemoryStationStores', () => ({ store: createInMemoryStationStores() }));

describe('createInMemoryStationStores', () => {
  it('gives each station its own, independent stores', () => {
    const a = createInMemoryStationStores();
    const b = createInMemoryStationStores();
    a.availability.set({}, 'Inoperative');
    a.messageQueue.enqueue({ kind: 'other', action: 'Heartbeat', createdAt: '2026-01-01T00:00:00Z' }, () => ({}));
    expect(b.availability.loadAll()).toEqual([]);
    expect(b.messageQueue.count()).toBe(0);
    a.close();
  });
});
