import { existsSync, readFileSync } from 'node:fs';
import { authCacheKey, type IdTokenType } from '@evstation/core';
import { fullFirmwareUpdateRecord } from '@evstation/core/testing';
import { describe, expect, it } from 'vitest';
import { openSqliteStationStores } from './open-sqlite-station-stores.js';
import { useTempFolder } from './testing/temp-station-database.js';

/** Everything SQLite wrote for the station, as text to search. */
function fileBytes(file: string): string {
  return [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('\n');
}

describe('Deleted rows leave no trace in the database file (secure_delete)', () => {
  const folder = useTempFolder();

  it('R9 / N10: a cleared firmware update and a removed authorization cache entry are gone from the closed file', () => {
    const file = folder.path('station.db');
    const stores = openSqliteStationStores(file);
    const location = 'ftp://station:Firmware-Url-Secret-4711@files.example.com/fw.bin';
    const idToken: IdTokenType = { idToken: 'CUSTOMER-TOKEN-0815', type: 'ISO14443' };
    stores.firmware.save({ ...fullFirmwareUpdateRecord, request: { ...fullFirmwareUpdateRecord.request, firmware: { ...fullFirmwareUpdateRecord.request.firmware, location } } });
    const at = '2026-01-01T00:00:00.000Z';
    stores.authCache.put({ idToken, idTokenInfo: { status: 'Accepted' }, storedAt: at, lastUsedAt: at, useCount: 1 });
    expect(fileBytes(file)).toContain('Firmware-Url-Secret-4711');
    stores.firmware.clear();
    stores.authCache.remove(authCacheKey(idToken));
    stores.close();
    const closed = fileBytes(file);
    expect(closed).not.toContain('Firmware-Url-Secret-4711');
    expect(closed).not.toContain('CUSTOMER-TOKEN-0815');
  });
});
