import type Database from 'better-sqlite3';

/** What every Sqlite store shares: the station's open database and the file name used in error messages. Internal. */
export interface SqliteContext {
  db: Database.Database;
  file: string;
}
