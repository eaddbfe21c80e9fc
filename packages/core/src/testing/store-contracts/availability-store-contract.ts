import { describe, expect, it } from 'vitest';
import type { AvailabilityRecord, AvailabilityScope, AvailabilityStorePort } from '../../ports/storage/availability-store.port.js';
import { storeContractSession, type StoreContractFactory } from './store-contract-harness.js';

function byScope(records: AvailabilityRecord[]): AvailabilityRecord[] {
  const key = (s: AvailabilityScope): string => `${s.evseId ?? -1}/${s.connectorId ?? -1}`;
  return [...records].sort((a, b) => key(a.scope).localeCompare(key(b.scope)));
}

/** The behaviour every AvailabilityStorePort must show (G03/G04): station, EVSE and connector statuses kept apart and durable. */
export function availabilityStoreContract(name: string, makeStore: StoreContractFactory<AvailabilityStorePort>): void {
  describe(`${name} (AvailabilityStorePort contract)`, () => {
    const session = storeContractSession(makeStore);

    it('starts empty: every scope is undefined (= Operative)', () => {
      const store = session.open();
      expect(store.loadAll()).toEqual([]);
      expect(store.get({})).toBeUndefined();
      expect(store.get({ evseId: 1 })).toBeUndefined();
      expect(store.get({ evseId: 1, connectorId: 1 })).toBeUndefined();
    });

    it('keeps station, EVSE and connector scopes distinct, and survives a restart', () => {
      const store = session.open();
      store.set({}, 'Inoperative');
      store.set({ evseId: 1 }, 'Operative');
      store.set({ evseId: 1, connectorId: 1 }, 'Inoperative');
      store.set({ evseId: 2, connectorId: 1 }, 'Operative');
      const after = session.restart();
      expect(after.get({})).toBe('Inoperative');
      expect(after.get({ evseId: 1 })).toBe('Operative');
      expect(after.get({ evseId: 1, connectorId: 1 })).toBe('Inoperative');
      expect(after.get({ evseId: 1, connectorId: 2 })).toBeUndefined();
      expect(after.get({ evseId: 2 })).toBeUndefined();
      expect(after.get({ evseId: 2, connectorId: 1 })).toBe('Operative');
      expect(byScope(after.loadAll())).toStrictEqual(
        byScope([
          { scope: {}, status: 'Inoperative' },
          { scope: { evseId: 1 }, status: 'Operative' },
          { scope: { evseId: 1, connectorId: 1 }, status: 'Inoperative' },
          { scope: { evseId: 2, connectorId: 1 }, status: 'Operative' },
        ]),
      );
    });

    it('replaces the status of a scope set again', () => {
      const store = session.open();
      store.set({ evseId: 3 }, 'Inoperative');
      store.set({ evseId: 3 }, 'Operative');
      const after = session.restart();
      expect(after.get({ evseId: 3 })).toBe('Operative');
      expect(after.loadAll()).toStrictEqual([{ scope: { evseId: 3 }, status: 'Operative' }]);
    });

    it('cannot be changed through objects passed in or handed out', () => {
      const store = session.open();
      const scope: AvailabilityScope = { evseId: 1 };
      store.set(scope, 'Inoperative');
      scope.evseId = 2;
      const out = store.loadAll();
      out[0]!.scope.evseId = 9;
      out[0]!.status = 'Operative';
      expect(store.loadAll()).toStrictEqual([{ scope: { evseId: 1 }, status: 'Inoperative' }]);
      expect(store.get({ evseId: 2 })).toBeUndefined();
    });
  });
}
