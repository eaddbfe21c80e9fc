import { InMemoryAuthCacheStore } from '@evstation/core';
import { authCacheStoreContract } from '@evstation/core/testing';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, schemaVersionOf } from './migrations.js';
import { openSqliteStationStores } from './open-sqlite-station-stores.js';
import { openStationDatabase } from './open-station-database.js';
import { SqliteAuthCacheStore } from './sqlite-auth-cache-store.js';
import type { SqliteContext } from './sqlite-context.js';
import { TempFolder, useTempFolder } from './testing/temp-station-database.js';

/** The auth cache store over a real station database file, opened and migrated as openSqliteStationStores does. */
function fileHarness() {
  const folder = new TempFolder();
  const file = folder.path('station.db');
  let context: SqliteContext = openStationDatabase(file);
  return {
    store: new SqliteAuthCacheStore(context),
    reopen: () => {
      context.db.close();
      context = openStationDatabase(file);
      return new SqliteAuthCacheStore(context);
    },
    dispose: () => {
      if (context.db.open) context.db.close();
      folder.dispose();
    },
  };
}

// DESIGN §4: the SQLite and the in-memory auth cache stores pass the same contract suite.
authCacheStoreContract('SqliteAuthCacheStore on a file', fileHarness);

authCacheStoreContract('SqliteAuthCacheStore on :memory:', () => {
  const context = openStationDatabase(':memory:');
  return { store: new SqliteAuthCacheStore(context), dispose: () => context.db.close() };
});

authCacheStoreContract('InMemoryAuthCacheStore (re-exported through core)', () => ({ store: new InMemoryAuthCacheStore() }));

describe('SqliteAuthCacheStore migration (002-auth-cache.sql)', () => {
  const folder = useTempFolder();

  it('adds the auth_cache table to a station database made by an earlier version, keeping its data', () => {
    const file = folder.path('station.db');
    const [initial] = loadMigrations();
    const older = openStationDatabase(file, { migrations: [initial!] });
    expect(schemaVersionOf(older.db)).toBe(1);
    older.db.close();
    const stores = openSqliteStationStores(file);
    stores.availability.set({ evseId: 1 }, 'Inoperative');
    stores.close();

    const context = openStationDatabase(file);
    try {
      expect(schemaVersionOf(context.db)).toBeGreaterThanOrEqual(2);
      const store = new SqliteAuthCacheStore(context);
      store.put({ idToken: { idToken: 'AA11', type: 'ISO14443' }, idTokenInfo: { status: 'Accepted' }, storedAt: '2026-03-01T10:00:00.000Z', lastUsedAt: '2026-03-01T10:00:00.000Z', useCount: 1 });
      expect(store.count()).toBe(1);
    } finally {
      context.db.close();
    }
    const reopened = openSqliteStationStores(file);
    expect(reopened.availability.get({ evseId: 1 })).toBe('Inoperative');
    reopened.close();
  });

  it('has committed a put before it returns (another connection sees it)', () => {
    const file = folder.path('station.db');
    const context = openStationDatabase(file);
    try {
      new SqliteAuthCacheStore(context).put({
        idToken: { idToken: 'BB22', type: 'ISO15693' },
        idTokenInfo: { status: 'Blocked' },
        storedAt: '2026-03-01T10:00:00.000Z',
        lastUsedAt: '2026-03-01T10:00:00.000Z',
        useCount: 1,
      });
      const other = new Database(file, { readonly: true, fileMustExist: true });
      expect(other.prepare('SELECT token_key FROM auth_cache').pluck().all()).toEqual(['ISO15693:bb22']);
      other.close();
    } finally {
      context.db.close();
    }
  });

  it('reports a SQLite failure as a StoreError naming the file', () => {
    const file = folder.path('station.db');
    const context = openStationDatabase(file);
    const store = new SqliteAuthCacheStore(context);
    context.db.exec('DROP TABLE auth_cache');
    try {
      expect(() => store.count()).toThrow(expect.objectContaining({ name: 'StoreError', location: file }));
    } finally {
      context.db.close();
    }
  });
});
