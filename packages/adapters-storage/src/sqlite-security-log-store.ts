import { securityLogRangeMs, type SecurityLogEntry, type SecurityLogStorePort } from '@evstation/core';
import type { SqliteContext } from './sqlite-context.js';
import { guarded } from './sqlite-errors.js';

interface EntryRow {
  id: number;
  type: string;
  timestamp: string;
  tech_info: string | null;
  critical: number;
}

function toEntry(row: EntryRow): SecurityLogEntry {
  return { id: row.id, type: row.type, timestamp: row.timestamp, ...(row.tech_info === null ? {} : { techInfo: row.tech_info }), critical: row.critical === 1 };
}

/** The local security log on SQLite (A04), rotated in the same transaction as each append to the newest `maxEntries`. */
export class SqliteSecurityLogStore implements SecurityLogStorePort {
  private readonly insert;
  private readonly rotate;
  private readonly selectAll;
  private readonly selectRange;
  private readonly appendTransaction;

  constructor(private readonly context: SqliteContext) {
    const { db } = context;
    this.insert = db.prepare<{ type: string; timestamp: string; timestamp_ms: number | null; tech_info: string | null; critical: number }>(
      'INSERT INTO security_log (type, timestamp, timestamp_ms, tech_info, critical) VALUES (@type, @timestamp, @timestamp_ms, @tech_info, @critical)',
    );
    // Everything up to and including the (maxEntries + 1)-th newest id goes.
    this.rotate = db.prepare<[number]>('DELETE FROM security_log WHERE id <= (SELECT id FROM security_log ORDER BY id DESC LIMIT 1 OFFSET ?)');
    this.selectAll = db.prepare<[], EntryRow>('SELECT id, type, timestamp, tech_info, critical FROM security_log ORDER BY id');
    this.selectRange = db.prepare<[number, number], EntryRow>(
      'SELECT id, type, timestamp, tech_info, critical FROM security_log WHERE timestamp_ms >= ? AND timestamp_ms <= ? ORDER BY id',
    );
    this.appendTransaction = db.transaction((entry: Omit<SecurityLogEntry, 'id'>, maxEntries: number): SecurityLogEntry => {
      const ms = Date.parse(entry.timestamp);
      const { lastInsertRowid } = this.insert.run({
        type: entry.type,
        timestamp: entry.timestamp,
        timestamp_ms: Number.isNaN(ms) ? null : ms,
        tech_info: entry.techInfo ?? null,
        critical: entry.critical ? 1 : 0,
      });
      this.rotate.run(Math.max(0, Math.floor(maxEntries)));
      return toEntry({ id: Number(lastInsertRowid), type: entry.type, timestamp: entry.timestamp, tech_info: entry.techInfo ?? null, critical: entry.critical ? 1 : 0 });
    });
  }

  append(entry: Omit<SecurityLogEntry, 'id'>, maxEntries: number): SecurityLogEntry {
    return guarded(this.context.file, 'appending to the security log', () => this.appendTransaction.immediate(entry, maxEntries));
  }

  list(range?: { from?: string; to?: string }): SecurityLogEntry[] {
    const bounds = securityLogRangeMs(range);
    return guarded(this.context.file, 'reading the security log', () =>
      (bounds === undefined ? this.selectAll.all() : this.selectRange.all(bounds.fromMs, bounds.toMs)).map(toEntry),
    );
  }
}
