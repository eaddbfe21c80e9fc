import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { StoreError } from '@evstation/core';
import { MemoryLogger } from '@evstation/core/testing';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations, schemaVersionOf, type Migration } from './migrations.js';
import { openSqliteStationStores } from './open-sqlite-station-stores.js';
import { openStationDatabase } from './open-station-database.js';
import { useTempFolder } from './testing/temp-station-database.js';

describe('migrations', () => {
  const folder = useTempFolder();

  it('finds the numbered migration files at the package root, 001 first', () => {
    const migrations = loadMigrations();
    expect(migrations[0]).toMatchObject({ version: 1, name: '001-initial.sql' });
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
  });

  it('refuses a gap in the numbering', () => {
    const dir = folder.path('migrations');
    mkdirSync(dir);
    writeFileSync(`${dir}/001-a.sql`, 'CREATE TABLE a (x);');
    writeFileSync(`${dir}/003-c.sql`, 'CREATE TABLE c (x);');
    writeFileSync(`${dir}/README.md`, 'not a migration');
    expect(() => loadMigrations(pathToFileURL(`${dir}/`))).toThrow(/003-c\.sql/);
  });

  it('applies every migration once at first open, records user_version, and applies nothing at reopen', () => {
    const file = folder.path('station.db');
    const latest = loadMigrations().length;
    const first = new MemoryLogger();
    const stores = openSqliteStationStores(file, { logger: first });
    stores.availability.set({}, 'Inoperative');
    stores.close();
    expect(first.entries.filter((e) => e.message === 'applied storage migration')).toHaveLength(latest);

    const second = new MemoryLogger();
    const reopened = openSqliteStationStores(file, { logger: second });
    expect(second.entries.filter((e) => e.message === 'applied storage migration')).toHaveLength(0);
    expect(reopened.availability.get({})).toBe('Inoperative');
    reopened.close();

    const raw = new Database(file);
    expect(schemaVersionOf(raw)).toBe(latest);
    raw.close();
  });

  it('applies each pending migration in its own transaction, and a failing one leaves the previous version whole', () => {
    const db = new Database(':memory:');
    const migrations: Migration[] = [
      { version: 1, name: '001-a.sql', sql: 'CREATE TABLE a (x);' },
      { version: 2, name: '002-b.sql', sql: 'CREATE TABLE b (x);' },
    ];
    expect(applyMigrations(db, migrations)).toEqual([1, 2]);
    expect(applyMigrations(db, migrations)).toEqual([]);
    const broken: Migration = { version: 3, name: '003-broken.sql', sql: 'CREATE TABLE c (x); INSERT INTO missing VALUES (1);' };
    expect(() => applyMigrations(db, [...migrations, broken])).toThrow(/missing/);
    expect(schemaVersionOf(db)).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(['a', 'b']);
    db.close();
  });

  it("reports a migration that fails at open as a StoreError naming the file, and keeps the last whole version", () => {
    const file = folder.path('station.db');
    const good: Migration = { version: 1, name: '001-a.sql', sql: 'CREATE TABLE a (x);' };
    const broken: Migration = { version: 2, name: '002-broken.sql', sql: 'CREATE TABLE b (x); INSERT INTO missing VALUES (1);' };
    let thrown: unknown;
    try {
      openStationDatabase(file, { migrations: [good, broken] }).db.close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoreError);
    expect(thrown).toMatchObject({ kind: 'io', location: file });
    expect((thrown as StoreError).message).toContain(file);
    expect((thrown as StoreError).message).toContain('002-broken.sql');
    const raw = new Database(file);
    expect(schemaVersionOf(raw)).toBe(1);
    raw.close();
  });
});
