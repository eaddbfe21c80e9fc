import { randomBytes } from 'node:crypto';
import { statSync, truncateSync, writeFileSync } from 'node:fs';
import { StoreError } from '@evstation/core';
import { describe, expect, it } from 'vitest';
import { checkIntegrity } from './check-integrity.js';
import { openSqliteStationStores } from './open-sqlite-station-stores.js';
import { useTempFolder } from './testing/temp-station-database.js';

describe('checkIntegrity', () => {
  const folder = useTempFolder();

  function populated(): string {
    const file = folder.path('station.db');
    const stores = openSqliteStationStores(file);
    for (let i = 0; i < 200; i += 1) stores.securityLog.append({ type: 'SettingSystemTime', timestamp: '2026-01-01T00:00:00Z', techInfo: 'x'.repeat(300), critical: false }, 1000);
    stores.close();
    return file;
  }

  it("says 'ok' for a sound station database", () => {
    expect(checkIntegrity(populated())).toBe('ok');
  });

  it('describes the damage of a truncated database, naming the file', () => {
    const file = populated();
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const result = checkIntegrity(file);
    expect(result).not.toBe('ok');
    expect(result).toContain(file);
  });

  it('describes a file that is not a database', () => {
    const file = folder.path('random.db');
    writeFileSync(file, randomBytes(8192));
    expect(checkIntegrity(file)).toMatch(/not a database/);
  });

  it("throws StoreError 'cannot-open' when the file does not exist", () => {
    expect(() => checkIntegrity(folder.path('none.db'))).toThrow(StoreError);
  });
});
