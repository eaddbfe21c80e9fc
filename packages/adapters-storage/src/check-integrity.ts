import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { StoreError } from '@evstation/core';
import Database from 'better-sqlite3';
import { isSqliteError } from './sqlite-errors.js';

/** What {@link checkIntegrity} finds: 'ok', or any other text describing the damage (kept apart from 'ok' for editors). */
export type IntegrityReport = 'ok' | (string & Record<never, never>);

/**
 * Runs `PRAGMA integrity_check` on an existing database file (recovering its WAL like a restarting station would):
 * 'ok', or a description of the damage. Throws StoreError 'cannot-open' when there is no such file. For crash tests.
 */
export function checkIntegrity(path: string): IntegrityReport {
  const file = resolve(path);
  if (!existsSync(file)) throw new StoreError('cannot-open', `No database file ${file} to check`, file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    return problems.join() === 'ok' ? 'ok' : `${file}: ${problems.join('; ')}`;
  } catch (error) {
    if (isSqliteError(error)) return `${file}: ${error.message} (${error.code})`;
    throw error;
  } finally {
    db?.close();
  }
}
