import { StoreError, type StorageErrorKind } from '@evstation/core';
import Database from 'better-sqlite3';

/** The port's kind for a SQLite result code: damaged files are 'corrupt', unopenable ones 'cannot-open', the rest 'io'. */
export function storageErrorKindOf(code: string): StorageErrorKind {
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'cannot-open';
  return 'io';
}

/** Whether an error comes from SQLite itself (and so must be translated before it crosses the port). */
export function isSqliteError(error: unknown): error is Error & { code: string } {
  return error instanceof Database.SqliteError;
}

/** A StoreError naming the database file for a SQLite failure while `doing` something; the original is kept as `cause`. */
export function storeErrorFromSqlite(error: Error & { code: string }, file: string, doing: string, kind = storageErrorKindOf(error.code)): StoreError {
  const translated = new StoreError(kind, `SQLite database ${file}: ${doing} failed: ${error.message} (${error.code})`, file);
  translated.cause = error;
  return translated;
}

/** Runs one store operation, translating SQLite errors into StoreError; other errors (a caller's callback) pass unchanged. */
export function guarded<T>(file: string, doing: string, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (isSqliteError(error)) throw storeErrorFromSqlite(error, file, doing);
    throw error;
  }
}
