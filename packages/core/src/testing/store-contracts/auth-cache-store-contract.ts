import { describe, expect, it } from 'vitest';
import type { IdTokenInfoType, IdTokenType } from '../../messages/index.js';
import type { AuthCacheEntry, AuthCacheStorePort } from '../../ports/storage/auth-cache-store.port.js';
import { authCacheKey } from '../../storage-memory/in-memory-auth-cache-store.js';
import { storeContractSession, type StoreContractFactory } from './store-contract-harness.js';

/** A token with every optional field present. */
const fullToken: IdTokenType = {
  customData: { vendorId: 'org.example', note: 'x' },
  idToken: 'ABCDEF0123',
  type: 'ISO14443',
  additionalInfo: [{ additionalIdToken: 'contract-1', type: 'ContractId' }],
};

/** An idTokenInfo with every optional field present. */
const fullInfo: IdTokenInfoType = {
  status: 'Accepted',
  cacheExpiryDateTime: '2026-12-31T23:59:59.000Z',
  chargingPriority: -3,
  language1: 'nl',
  language2: 'en',
  evseId: [1, 2],
  groupIdToken: { idToken: 'GROUP-1', type: 'Central' },
  personalMessage: { format: 'UTF8', language: 'nl', content: 'Welkom' },
};

function entry(idToken: string, at: string, extra: Partial<AuthCacheEntry> = {}): AuthCacheEntry {
  return { idToken: { idToken, type: 'ISO14443' }, idTokenInfo: { status: 'Accepted' }, storedAt: at, lastUsedAt: at, useCount: 1, ...extra };
}

function keysOf(entries: AuthCacheEntry[]): string[] {
  return entries.map((e) => e.idToken.idToken);
}

/** The behaviour every AuthCacheStorePort must show (C10-C12, TC_C_32_CS): keyed entries, use tracking, eviction order, durable. */
export function authCacheStoreContract(name: string, makeStore: StoreContractFactory<AuthCacheStorePort>): void {
  describe(`${name} (AuthCacheStorePort contract)`, () => {
    const session = storeContractSession(makeStore);

    it('starts empty', () => {
      const store = session.open();
      expect(store.count()).toBe(0);
      expect(store.list()).toEqual([]);
      expect(store.get('ISO14443:abc')).toBeUndefined();
      expect(store.evictionCandidates('LRU')).toEqual([]);
    });

    it('round-trips a full and a minimal entry under authCacheKey, across a restart (TC_C_32_CS)', () => {
      const store = session.open();
      const full: AuthCacheEntry = { idToken: fullToken, idTokenInfo: fullInfo, storedAt: '2026-03-01T10:00:00.000Z', lastUsedAt: '2026-03-01T11:00:00.000Z', useCount: 7 };
      const minimal = entry('1234', '2026-03-01T09:00:00.000Z');
      store.put(full);
      store.put({ ...minimal, idToken: { idToken: '1234', type: 'KeyCode' } });
      const after = session.restart();
      expect(after.count()).toBe(2);
      expect(after.get(authCacheKey(fullToken))).toStrictEqual(full);
      expect(after.get('KeyCode:1234')).toStrictEqual({ ...minimal, idToken: { idToken: '1234', type: 'KeyCode' } });
      expect(after.list().map((e) => authCacheKey(e.idToken))).toEqual(['ISO14443:abcdef0123', 'KeyCode:1234']);
    });

    it('keeps tokens of different types apart, and treats the idToken case-insensitively', () => {
      const store = session.open();
      store.put(entry('AbC', '2026-03-01T10:00:00.000Z'));
      store.put({ ...entry('abc', '2026-03-01T10:00:00.000Z'), idToken: { idToken: 'abc', type: 'Local' } });
      expect(store.count()).toBe(2);
      expect(store.get('ISO14443:abc')?.idToken.idToken).toBe('AbC');
      store.put({ ...entry('ABC', '2026-03-01T11:00:00.000Z'), idTokenInfo: { status: 'Blocked' } });
      expect(store.count()).toBe(2);
      expect(session.restart().get('ISO14443:abc')).toMatchObject({ idToken: { idToken: 'ABC' }, idTokenInfo: { status: 'Blocked' } });
    });

    it('replaces an entry put again under the same key', () => {
      const store = session.open();
      store.put({ ...entry('A', '2026-03-01T10:00:00.000Z'), idTokenInfo: fullInfo, useCount: 4 });
      store.put({ ...entry('A', '2026-03-01T12:00:00.000Z'), idTokenInfo: { status: 'Invalid' } });
      expect(session.restart().list()).toStrictEqual([{ ...entry('A', '2026-03-01T12:00:00.000Z'), idTokenInfo: { status: 'Invalid' } }]);
    });

    it('touch records a use durably and ignores an unknown key', () => {
      const store = session.open();
      store.put(entry('A', '2026-03-01T10:00:00.000Z'));
      store.touch('ISO14443:a', '2026-03-01T10:05:00.000Z');
      store.touch('ISO14443:a', '2026-03-01T10:06:00.000Z');
      store.touch('ISO14443:missing', '2026-03-01T10:07:00.000Z');
      const after = session.restart();
      expect(after.get('ISO14443:a')).toStrictEqual({ ...entry('A', '2026-03-01T10:00:00.000Z'), lastUsedAt: '2026-03-01T10:06:00.000Z', useCount: 3 });
      expect(after.count()).toBe(1);
    });

    it('removes one entry, ignores an unknown key, and clears everything (C11), durably', () => {
      const store = session.open();
      store.put(entry('A', '2026-03-01T10:00:00.000Z'));
      store.put(entry('B', '2026-03-01T10:00:00.000Z'));
      store.put(entry('C', '2026-03-01T10:00:00.000Z'));
      store.remove('ISO14443:b');
      store.remove('ISO14443:nope');
      expect(keysOf(session.restart().list())).toEqual(['A', 'C']);
      session.restart().clear();
      const after = session.restart();
      expect(after.count()).toBe(0);
      expect(after.list()).toEqual([]);
    });

    it('orders eviction candidates by LRU, LFU and FIFO, ties by key, without removing them', () => {
      const store = session.open();
      store.put(entry('A', '2026-03-01T10:00:00.000Z', { lastUsedAt: '2026-03-01T12:00:00.000Z', useCount: 1 }));
      store.put(entry('B', '2026-03-01T09:00:00.000Z', { lastUsedAt: '2026-03-01T11:00:00.000Z', useCount: 5 }));
      store.put(entry('C', '2026-03-01T11:00:00.000Z', { lastUsedAt: '2026-03-01T11:30:00.000Z', useCount: 1 }));
      store.put(entry('D', '2026-03-01T09:00:00.000Z', { lastUsedAt: '2026-03-01T11:00:00.000Z', useCount: 5 }));
      const after = session.restart();
      expect(keysOf(after.evictionCandidates('LRU'))).toEqual(['B', 'D', 'C', 'A']);
      expect(keysOf(after.evictionCandidates('LFU'))).toEqual(['C', 'A', 'B', 'D']);
      expect(keysOf(after.evictionCandidates('FIFO'))).toEqual(['B', 'D', 'A', 'C']);
      expect(keysOf(after.evictionCandidates('LRU', 2))).toEqual(['B', 'D']);
      expect(after.evictionCandidates('LFU', 0)).toEqual([]);
      expect(after.count()).toBe(4);
    });

    it('cannot be changed through objects passed in or handed out', () => {
      const store = session.open();
      const input: AuthCacheEntry = { idToken: structuredClone(fullToken), idTokenInfo: structuredClone(fullInfo), storedAt: '2026-03-01T10:00:00.000Z', lastUsedAt: '2026-03-01T10:00:00.000Z', useCount: 1 };
      store.put(input);
      input.idTokenInfo.status = 'Blocked';
      input.idToken.additionalInfo![0]!.type = 'changed-input';
      const out = store.get(authCacheKey(fullToken))!;
      out.idTokenInfo.evseId!.push(9);
      out.useCount = 99;
      store.list()[0]!.idTokenInfo.groupIdToken!.idToken = 'changed-list';
      store.evictionCandidates('LRU')[0]!.idToken.idToken = 'changed-candidate';
      expect(store.get(authCacheKey(fullToken))).toStrictEqual({ idToken: fullToken, idTokenInfo: fullInfo, storedAt: '2026-03-01T10:00:00.000Z', lastUsedAt: '2026-03-01T10:00:00.000Z', useCount: 1 });
    });
  });
}
