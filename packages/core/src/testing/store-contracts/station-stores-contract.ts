import { describe, expect, it } from 'vitest';
import type { StationStores } from '../../ports/storage/station-stores.js';
import { authCacheStoreContract } from './auth-cache-store-contract.js';
import { availabilityStoreContract } from './availability-store-contract.js';
import { transactionStoreContract } from './transaction-store-contract.js';
import { deviceModelStoreContract } from './device-model-store-contract.js';
import { firmwareStateStoreContract } from './firmware-state-store-contract.js';
import { messageQueueStoreContract } from './message-queue-store-contract.js';
import { networkProfileStoreContract } from './network-profile-store-contract.js';
import { securityLogStoreContract } from './security-log-store-contract.js';
import type { StoreContractFactory, StoreContractHarness } from './store-contract-harness.js';

/** What a storage backend gives the contract: a fresh set of station stores and, for durable backends, a restart. */
export type StationStoresContractFactory = StoreContractFactory<StationStores>;

function project<S>(makeStores: StationStoresContractFactory, pick: (stores: StationStores) => S): StoreContractFactory<S> {
  return () => {
    const harness = makeStores();
    const { reopen, dispose } = harness;
    const projected: StoreContractHarness<S> = { store: pick(harness.store) };
    if (reopen !== undefined) projected.reopen = () => pick(reopen());
    if (dispose !== undefined) projected.dispose = dispose;
    return projected;
  };
}

/** Every store contract over one storage backend (DESIGN §4: both implementations pass the same suites). */
export function stationStoresContract(name: string, makeStores: StationStoresContractFactory): void {
  describe(`${name} (StationStores contract)`, () => {
    deviceModelStoreContract(name, project(makeStores, (s) => s.deviceModel));
    availabilityStoreContract(name, project(makeStores, (s) => s.availability));
    messageQueueStoreContract(name, project(makeStores, (s) => s.messageQueue));
    securityLogStoreContract(name, project(makeStores, (s) => s.securityLog));
    networkProfileStoreContract(name, project(makeStores, (s) => s.networkProfiles));
    authCacheStoreContract(name, project(makeStores, (s) => s.authCache));
    transactionStoreContract(name, project(makeStores, (s) => s.transactions));
    firmwareStateStoreContract(name, project(makeStores, (s) => s.firmware));

    it('keeps the stores of one station together across a restart', () => {
      const harness = makeStores();
      try {
        harness.store.availability.set({ evseId: 1 }, 'Inoperative');
        harness.store.securityLog.append({ type: 'StartupOfTheDevice', timestamp: '2026-03-01T10:00:00.000Z', critical: true }, 10);
        const after = harness.reopen?.() ?? harness.store;
        expect(after.availability.get({ evseId: 1 })).toBe('Inoperative');
        expect(after.securityLog.list()).toHaveLength(1);
      } finally {
        harness.dispose?.();
      }
    });
  });
}
