import * as core from '@evstation/core';
import { describe, expect, it } from 'vitest';
import * as storage from './index.js';

describe('@evstation/adapters-storage exports', () => {
  it('re-exports the in-memory stores and StoreError from core (ADR 0002), beside the SQLite opener', () => {
    expect(storage.StoreError).toBe(core.StoreError);
    expect(storage.InMemoryDeviceModelStore).toBe(core.InMemoryDeviceModelStore);
    expect(storage.InMemoryAvailabilityStore).toBe(core.InMemoryAvailabilityStore);
    expect(storage.InMemoryMessageQueueStore).toBe(core.InMemoryMessageQueueStore);
    expect(storage.InMemorySecurityLogStore).toBe(core.InMemorySecurityLogStore);
    expect(storage.InMemoryNetworkProfileStore).toBe(core.InMemoryNetworkProfileStore);
    expect(storage.InMemoryAuthCacheStore).toBe(core.InMemoryAuthCacheStore);
    expect(storage.InMemoryTransactionStore).toBe(core.InMemoryTransactionStore);
    expect(storage.InMemoryFirmwareStateStore).toBe(core.InMemoryFirmwareStateStore);
    expect(storage.createInMemoryStationStores).toBe(core.createInMemoryStationStores);
    expect(Object.keys(storage).sort()).toEqual(
      [
        'CertificateStoreError',
        'FileCertificateStore',
        'InMemoryAuthCacheStore',
        'InMemoryAvailabilityStore',
        'InMemoryDeviceModelStore',
        'InMemoryFirmwareStateStore',
        'InMemoryMessageQueueStore',
        'InMemoryNetworkProfileStore',
        'InMemorySecurityLogStore',
        'InMemoryTransactionStore',
        'NodeFirmwareVerifier',
        'StoreError',
        'checkIntegrity',
        'createInMemoryStationStores',
        'openSqliteStationStores',
      ].sort(),
    );
  });
});
