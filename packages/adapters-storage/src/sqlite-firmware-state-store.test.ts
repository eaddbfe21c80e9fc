import { fullFirmwareUpdateRecord } from '@evstation/core/testing';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, schemaVersionOf } from './migrations.js';
import { openStationDatabase } from './open-station-database.js';
import { SqliteFirmwareStateStore } from './sqlite-firmware-state-store.js';
import { useTempFolder } from './testing/temp-station-database.js';

describe('SqliteFirmwareStateStore on the station database', () => {
  const folder = useTempFolder();

  it('004-firmware.sql adds its table to a database of version 3, keeping its data', () => {
    const file = folder.path('station.db');
    const older = openStationDatabase(file, { migrations: loadMigrations().filter((m) => m.version < 4) });
    older.db.prepare("INSERT INTO availability (scope, status) VALUES ('[]', 'Inoperative')").run();
    older.db.close();
    const context = openStationDatabase(file);
    try {
      expect(schemaVersionOf(context.db)).toBeGreaterThanOrEqual(4);
      expect(context.db.prepare('SELECT status FROM availability').pluck().get()).toBe('Inoperative');
      new SqliteFirmwareStateStore(context).save(fullFirmwareUpdateRecord);
      expect(new SqliteFirmwareStateStore(context).load()).toStrictEqual(fullFirmwareUpdateRecord);
    } finally {
      context.db.close();
    }
  });

  it('L01: a saved record is on disk when save returns (another connection reads it), one row at most', () => {
    const file = folder.path('station.db');
    const context = openStationDatabase(file);
    try {
      const store = new SqliteFirmwareStateStore(context);
      store.save({ ...fullFirmwareUpdateRecord, status: 'Installing' });
      store.save(fullFirmwareUpdateRecord);
      const other = new Database(file, { readonly: true, fileMustExist: true });
      expect(other.prepare('SELECT request_id, status FROM firmware_update').all()).toEqual([{ request_id: 42, status: 'InstallRebooting' }]);
      other.close();
    } finally {
      context.db.close();
    }
  });
});
