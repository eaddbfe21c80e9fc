import { createInMemoryStationStores } from '@evstation/core';
import { stationStoresContract } from '@evstation/core/testing';
import { openSqliteStationStores } from './open-sqlite-station-stores.js';
import { sqliteFileHarness } from './testing/temp-station-database.js';

// DESIGN §4: the SQLite and the in-memory stores pass the same contract suites.
stationStoresContract('Sqlite stores on a file', sqliteFileHarness);

stationStoresContract('Sqlite stores on :memory:', () => {
  const stores = openSqliteStationStores(':memory:');
  return { store: stores, dispose: () => stores.close() };
});

stationStoresContract('InMemory stores (re-exported)', () => ({ store: createInMemoryStationStores() }));
