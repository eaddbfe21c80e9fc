import { describe, expect, it } from 'vitest';
import type { NetworkProfileStorePort } from '../../ports/storage/network-profile-store.port.js';
import { fullNetworkProfile, minimalNetworkProfile } from './store-contract-fixtures.js';
import { storeContractSession, type StoreContractFactory } from './store-contract-harness.js';

/** The behaviour every NetworkProfileStorePort must show (B09, A05.FR.06): one profile per slot, ordered by slot, replace/remove. */
export function networkProfileStoreContract(name: string, makeStore: StoreContractFactory<NetworkProfileStorePort>): void {
  describe(`${name} (NetworkProfileStorePort contract)`, () => {
    const session = storeContractSession(makeStore);

    it('starts empty', () => {
      expect(session.open().loadAll()).toEqual([]);
    });

    it('round-trips full and minimal profiles ordered by slot, across a restart', () => {
      const store = session.open();
      store.set({ configurationSlot: 3, profile: fullNetworkProfile });
      store.set({ configurationSlot: 1, profile: minimalNetworkProfile });
      const loaded = session.restart().loadAll();
      expect(loaded).toStrictEqual([
        { configurationSlot: 1, profile: minimalNetworkProfile },
        { configurationSlot: 3, profile: fullNetworkProfile },
      ]);
      expect('apn' in loaded[0]!.profile || 'vpn' in loaded[0]!.profile).toBe(false);
    });

    it('replaces the profile of a slot set again', () => {
      const store = session.open();
      store.set({ configurationSlot: 2, profile: fullNetworkProfile });
      store.set({ configurationSlot: 2, profile: minimalNetworkProfile });
      expect(session.restart().loadAll()).toStrictEqual([{ configurationSlot: 2, profile: minimalNetworkProfile }]);
    });

    it('removes a slot, ignores an unknown one, and survives a restart', () => {
      const store = session.open();
      store.set({ configurationSlot: 1, profile: minimalNetworkProfile });
      store.set({ configurationSlot: 2, profile: fullNetworkProfile });
      store.remove(1);
      store.remove(42);
      expect(session.restart().loadAll()).toStrictEqual([{ configurationSlot: 2, profile: fullNetworkProfile }]);
    });

    it('cannot be changed through objects passed in or handed out', () => {
      const store = session.open();
      const slot = { configurationSlot: 1, profile: structuredClone(fullNetworkProfile) };
      store.set(slot);
      slot.profile.ocppCsmsUrl = 'wss://changed-input';
      slot.configurationSlot = 5;
      const out = store.loadAll();
      out[0]!.profile.apn!.apn = 'changed-output';
      expect(store.loadAll()).toStrictEqual([{ configurationSlot: 1, profile: fullNetworkProfile }]);
    });
  });
}
