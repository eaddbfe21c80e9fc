import { describe, expect, it } from 'vitest';
import type { SecurityLogEntry, SecurityLogStorePort } from '../../ports/storage/security-log-store.port.js';
import { storeContractSession, type StoreContractFactory } from './store-contract-harness.js';

function entryAt(second: number, type = 'SettingSystemTime'): Omit<SecurityLogEntry, 'id'> {
  return { type, timestamp: `2026-03-01T10:00:${String(second).padStart(2, '0')}.000Z`, critical: false };
}

/** The behaviour every SecurityLogStorePort must show (A04, GetLog SecurityLog): ordered, rotated to the newest, range by time. */
export function securityLogStoreContract(name: string, makeStore: StoreContractFactory<SecurityLogStorePort>): void {
  describe(`${name} (SecurityLogStorePort contract)`, () => {
    const session = storeContractSession(makeStore);

    it('starts empty', () => {
      expect(session.open().list()).toEqual([]);
    });

    it('round-trips every field, keeps an absent techInfo absent, and survives a restart', () => {
      const store = session.open();
      const full = store.append({ type: 'InvalidCsmsCertificate', timestamp: '2026-03-01T10:00:00.000Z', techInfo: 'CN=evil', critical: true }, 100);
      const bare = store.append({ type: 'SettingSystemTime', timestamp: '2026-03-01T10:00:01Z', critical: false }, 100);
      expect(full).toStrictEqual({ id: full.id, type: 'InvalidCsmsCertificate', timestamp: '2026-03-01T10:00:00.000Z', techInfo: 'CN=evil', critical: true });
      expect(bare).toStrictEqual({ id: bare.id, type: 'SettingSystemTime', timestamp: '2026-03-01T10:00:01Z', critical: false });
      expect('techInfo' in bare).toBe(false);
      expect(bare.id).toBeGreaterThan(full.id);
      expect(session.restart().list()).toStrictEqual([full, bare]);
    });

    it('lists in append order, even when timestamps go backwards (clock set back)', () => {
      const store = session.open();
      const later = store.append(entryAt(30), 10);
      const earlier = store.append(entryAt(10), 10);
      expect(session.restart().list()).toStrictEqual([later, earlier]);
    });

    it('rotates: keeps only the newest maxEntries, across a restart, with ids still increasing', () => {
      const store = session.open();
      const all = [1, 2, 3, 4, 5].map((s) => store.append(entryAt(s), 3));
      expect(session.restart().list()).toStrictEqual(all.slice(2));
      const sixth = session.restart().append(entryAt(6), 3);
      expect(sixth.id).toBeGreaterThan(all[4]!.id);
      expect(session.restart().list()).toStrictEqual([all[3], all[4], sixth]);
    });

    it('applies the maxEntries of each append: a smaller one drops more, a larger one keeps everything', () => {
      const store = session.open();
      const all = [1, 2, 3, 4].map((s) => store.append(entryAt(s), 10));
      const fifth = store.append(entryAt(5), 2);
      expect(store.list()).toStrictEqual([all[3], fifth]);
      const sixth = store.append(entryAt(6), 10);
      expect(session.restart().list()).toStrictEqual([all[3], fifth, sixth]);
    });

    it('filters by an inclusive [from, to] range, on either end alone, comparing instants rather than text', () => {
      const store = session.open();
      const all = [10, 20, 30, 40].map((s) => store.append(entryAt(s), 10));
      const after = session.restart();
      expect(after.list({ from: '2026-03-01T10:00:20.000Z', to: '2026-03-01T10:00:30.000Z' })).toStrictEqual([all[1], all[2]]);
      expect(after.list({ from: '2026-03-01T10:00:30.000Z' })).toStrictEqual([all[2], all[3]]);
      expect(after.list({ to: '2026-03-01T10:00:10.000Z' })).toStrictEqual([all[0]]);
      expect(after.list({ from: '2026-03-01T10:00:20Z', to: '2026-03-01T11:00:20+01:00' })).toStrictEqual([all[1]]);
      expect(after.list({ from: '2026-03-01T10:00:41.000Z' })).toEqual([]);
      expect(after.list({})).toStrictEqual(all);
    });

    it('cannot be changed through objects passed in or handed out', () => {
      const store = session.open();
      const input = { type: 'ResetOrReboot', timestamp: '2026-03-01T10:00:00.000Z', techInfo: 'x', critical: true };
      const returned = store.append(input, 10);
      input.techInfo = 'changed-input';
      returned.type = 'changed-returned';
      store.list()[0]!.critical = false;
      expect(store.list()).toStrictEqual([{ ...input, id: returned.id, techInfo: 'x', type: 'ResetOrReboot' }]);
    });
  });
}
