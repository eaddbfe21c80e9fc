import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LoggerPort } from '@evstation/core';
import type Database from 'better-sqlite3';

/** One numbered up-migration (`migrations/NNN-name.sql`). */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The folder at the package root, next to `src` and `dist`, so the same URL works under vitest and from the build. */
export const migrationsFolder = new URL('../migrations/', import.meta.url);

const MIGRATION_FILE = /^(\d{3})-([a-z0-9-]+)\.sql$/;

/** Reads the migrations, checking they are numbered 1, 2, 3... without gaps or duplicates. */
export function loadMigrations(folder: URL = migrationsFolder): Migration[] {
  const migrations = readdirSync(folder)
    .map((entry) => MIGRATION_FILE.exec(entry))
    .filter((match) => match !== null)
    .map((match) => ({ version: Number(match[1]), name: match[0], sql: readFileSync(new URL(match[0], folder), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`Migrations in ${fileURLToPath(folder)} must be numbered 001, 002, ... without gaps: found ${m.name}`);
  });
  return migrations;
}

/** The schema version recorded in the database (`PRAGMA user_version`). */
export function schemaVersionOf(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Applies one migration if the database is older, in an immediate transaction together with the new user_version, so a
 * crash leaves the database at a whole version. Returns whether it was applied.
 */
export function applyMigration(db: Database.Database, migration: Migration, logger?: LoggerPort): boolean {
  const apply = db.transaction(() => {
    // Re-read inside the write lock: another process may have migrated since we looked.
    if (schemaVersionOf(db) >= migration.version) return false;
    db.exec(migration.sql);
    db.pragma(`user_version = ${migration.version}`);
    return true;
  });
  const applied = apply.immediate();
  if (applied) logger?.info({ migration: migration.name, version: migration.version }, 'applied storage migration');
  return applied;
}

/** Applies every migration newer than the database's user_version, each in its own transaction; returns the versions applied. */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[], logger?: LoggerPort): number[] {
  return migrations.filter((migration) => applyMigration(db, migration, logger)).map((m) => m.version);
}
