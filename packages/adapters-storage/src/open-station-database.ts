import { resolve } from 'node:path';
import { StoreError, type LoggerPort, type StorageErrorKind } from '@evstation/core';
import Database from 'better-sqlite3';
import { applyMigration, loadMigrations, schemaVersionOf, type Migration } from './migrations.js';
import type { SqliteContext } from './sqlite-context.js';
import { isSqliteError, storageErrorKindOf } from './sqlite-errors.js';

/** Whether better-sqlite3 treats the path as a database without a file. */
function isAnonymous(path: string): boolean {
  return path === ':memory:' || path === '';
}

function describeKind(kind: StorageErrorKind, file: string): string {
  if (kind === 'corrupt') return `Station database ${file} is corrupt or not a SQLite database; refusing to start empty`;
  if (kind === 'cannot-open') return `Cannot open station database ${file}`;
  return `Station database ${file} failed while opening`;
}

/** Runs one step of opening, turning any failure into a StoreError of the step's kind that names the file. */
function openStep<T>(file: string, doing: string, step: () => T, kindFor: (code: string) => StorageErrorKind = openKindOf): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const kind = isSqliteError(error) ? kindFor(error.code) : 'cannot-open';
    const reason = error instanceof Error ? error.message : String(error);
    const code = isSqliteError(error) ? ` (${error.code})` : '';
    const translated = new StoreError(kind, `${describeKind(kind, file)}: ${doing}: ${reason}${code}`, file);
    translated.cause = error;
    throw translated;
  }
}

/** While opening, anything that is not damage means the file cannot be used as a station database. */
function openKindOf(code: string): StorageErrorKind {
  return storageErrorKindOf(code) === 'corrupt' ? 'corrupt' : 'cannot-open';
}

/** Refuses files SQLite can read but that are damaged, newer than this code, or not ours; never starts empty over them. */
function checkBeforeMigrating(db: Database.Database, file: string, latest: number): number {
  const version = openStep(file, 'reading the schema version', () => schemaVersionOf(db));
  const problems = openStep(file, 'checking integrity', () => (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check));
  if (problems.join() !== 'ok') {
    throw new StoreError('corrupt', `${describeKind('corrupt', file)}: integrity check failed: ${problems.slice(0, 5).join('; ')}`, file);
  }
  if (version > latest) {
    throw new StoreError(
      'newer-version',
      `Station database ${file} has schema version ${version}, newer than the newest this evstation knows (${latest}); it was written by a newer release`,
      file,
    );
  }
  const tables = openStep(file, 'reading the schema', () => Number(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").pluck().get()));
  if (version === 0 && tables > 0) {
    throw new StoreError('corrupt', `Station database ${file} has ${tables} schema objects but no evstation schema version (user_version 0): not a station database`, file);
  }
  return version;
}

/**
 * Durability settings of DESIGN §4 and rule 6 (WAL, fsync at every commit, enforced foreign keys), and secure_delete:
 * deleted rows are zeroed, so a cleared customer (N10), a finished firmware update's location credentials (R9) or a
 * sent message do not linger in the file's free space once the WAL is checkpointed.
 */
function applyPragmas(db: Database.Database, path: string, file: string): void {
  openStep(file, 'setting journal_mode=WAL', () => {
    const mode = String(db.pragma('journal_mode = WAL', { simple: true }));
    if (!isAnonymous(path) && mode !== 'wal') throw new StoreError('cannot-open', `${describeKind('cannot-open', file)}: WAL journal mode unavailable (got ${mode})`, file);
  });
  openStep(file, 'setting synchronous=FULL, foreign_keys=ON and secure_delete=ON', () => {
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
  });
}

/** Options of {@link openStationDatabase}. */
export interface OpenStationDatabaseOptions {
  logger?: LoggerPort;
  /** The migrations to apply; the package's `migrations/` folder unless a test gives its own. */
  migrations?: readonly Migration[];
}

/**
 * Opens (or creates) one station's database file: checks it, sets WAL + synchronous=FULL, and applies the pending
 * migrations. Every failure is a StoreError naming the file ('cannot-open', 'corrupt', 'newer-version', 'io').
 */
export function openStationDatabase(path: string, options: OpenStationDatabaseOptions = {}): SqliteContext {
  const { logger, migrations = loadMigrations() } = options;
  const file = isAnonymous(path) ? ':memory:' : resolve(path);
  const latest = migrations.at(-1)?.version ?? 0;
  const db = openStep(file, 'opening', () => new Database(path));
  try {
    openStep(file, 'setting busy_timeout', () => db.pragma('busy_timeout = 5000'));
    const from = checkBeforeMigrating(db, file, latest);
    applyPragmas(db, path, file);
    for (const migration of migrations) {
      openStep(file, `applying migration ${migration.name}`, () => applyMigration(db, migration, logger), storageErrorKindOf);
    }
    logger?.info({ file, schemaVersion: latest, ...(from < latest ? { migratedFrom: from } : {}) }, 'opened station database');
    return { db, file };
  } catch (error) {
    db.close();
    throw error;
  }
}
