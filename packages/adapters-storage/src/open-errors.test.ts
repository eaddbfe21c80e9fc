import { readFileSync, truncateSync, writeFileSync, mkdirSync, existsSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { StoreError } from '@evstation/core';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from './migrations.js';
import { openSqliteStationStores } from './open-sqlite-station-stores.js';
import { useTempFolder } from './testing/temp-station-database.js';

/** The StoreError that opening `path` throws (fails the test when it opens). */
function openError(path: string): StoreError {
  try {
    openSqliteStationStores(path).close();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error(`expected opening ${path} to fail`);
}

/** A closed station database with enough rows to span many pages. */
function populatedDatabase(file: string): void {
  const stores = openSqliteStationStores(file);
  for (let i = 0; i < 300; i += 1) {
    stores.messageQueue.enqueue({ kind: 'transaction', action: 'TransactionEvent', createdAt: '2026-01-01T00:00:00Z', transactionId: `tx-${i % 7}` }, (seqNo) => ({
      seqNo,
      padding: 'x'.repeat(200),
    }));
  }
  stores.close();
}

describe('openSqliteStationStores refuses what it cannot use, with one clear error naming the file', () => {
  const folder = useTempFolder();

  it("refuses a database from a newer version: 'newer-version', naming the file and both versions", () => {
    const file = folder.path('station.db');
    openSqliteStationStores(file).close();
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    const error = openError(file);
    expect(error.kind).toBe('newer-version');
    expect(error.location).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain('999');
    expect(error.message).toContain(`(${loadMigrations().length})`);
  });

  it("refuses a file of random bytes: 'corrupt', and leaves the file as it was", () => {
    const file = folder.path('random.db');
    const bytes = randomBytes(16_384);
    writeFileSync(file, bytes);
    const error = openError(file);
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain(file);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it.each([
    ['to half its size', 0.5],
    ['to its first page', 4096],
    ['inside its header', 50],
  ])("refuses a database file truncated %s: 'corrupt'", (_label, cut) => {
    const file = folder.path('station.db');
    populatedDatabase(file);
    const size = statSync(file).size;
    truncateSync(file, cut < 1 ? Math.floor(size * cut) : cut);
    const error = openError(file);
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain(file);
  });

  it("refuses a database with a damaged page (found by quick_check): 'corrupt'", () => {
    const file = folder.path('station.db');
    populatedDatabase(file);
    const bytes = readFileSync(file);
    // Page 1 (header and schema) stays intact; pages further in get garbage.
    randomBytes(4096 * 4).copy(bytes, 4096 * 4);
    writeFileSync(file, bytes);
    const error = openError(file);
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain(file);
  });

  it("refuses a SQLite file that is not a station database (tables, no schema version): 'corrupt'", () => {
    const file = folder.path('other.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE somebody_else (x)');
    raw.close();
    const error = openError(file);
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain(file);
  });

  it("refuses a path in a missing directory: 'cannot-open', and does not create the directory", () => {
    const file = folder.path('missing/dir/station.db');
    const error = openError(file);
    expect(error.kind).toBe('cannot-open');
    expect(error.message).toContain(file);
    expect(existsSync(folder.path('missing'))).toBe(false);
  });

  it("refuses a directory as path: 'cannot-open'", () => {
    const dir = folder.path('a-directory');
    mkdirSync(dir);
    const error = openError(dir);
    expect(error.kind).toBe('cannot-open');
    expect(error.message).toContain(dir);
  });

  it('keeps the library error as cause but never exposes it as the thrown error', () => {
    const file = folder.path('random.db');
    writeFileSync(file, randomBytes(8192));
    const error = openError(file);
    expect(error.name).toBe('StoreError');
    expect(error.cause).toBeInstanceOf(Database.SqliteError);
  });
});
