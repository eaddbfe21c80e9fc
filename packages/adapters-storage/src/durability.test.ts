import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStationStores } from './open-sqlite-station-stores.js';
import { openStationDatabase } from './open-station-database.js';
import { useTempFolder } from './testing/temp-station-database.js';

// The kill -9 crash test comes with issue 4; here: the settings that make a commit durable, and commits visible at once.
describe('SQLite durability settings (DESIGN §4, rule 6)', () => {
  const folder = useTempFolder();

  it('opens a file in WAL mode with synchronous=FULL, foreign keys on and a busy timeout', () => {
    const { db } = openStationDatabase(folder.path('station.db'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      db.close();
    }
  });

  it('has committed a queued message and its seqNo before enqueue returns (another connection sees them)', () => {
    const file = folder.path('station.db');
    const stores = openSqliteStationStores(file);
    try {
      stores.messageQueue.enqueue({ kind: 'transaction', action: 'TransactionEvent', createdAt: '2026-01-01T00:00:00Z', transactionId: 'tx-1' }, (seqNo) => ({ seqNo }));
      const other = new Database(file, { readonly: true, fileMustExist: true });
      expect(other.prepare('SELECT seq_no FROM message_queue').pluck().all()).toEqual([0]);
      expect(other.prepare('SELECT next_seq_no FROM transaction_seq_no WHERE transaction_id = ?').pluck().get('tx-1')).toBe(1);
      other.close();
    } finally {
      stores.close();
    }
  });

  it('finds everything again when a station that never closed its stores starts over the same file', () => {
    const file = folder.path('station.db');
    const abandoned = openSqliteStationStores(file);
    abandoned.securityLog.append({ type: 'StartupOfTheDevice', timestamp: '2026-01-01T00:00:00Z', critical: true }, 100);
    abandoned.messageQueue.enqueue({ kind: 'security', action: 'SecurityEventNotification', createdAt: '2026-01-01T00:00:00Z' }, () => ({}));
    const restarted = openSqliteStationStores(file);
    try {
      expect(restarted.securityLog.list()).toHaveLength(1);
      expect(restarted.messageQueue.count('security')).toBe(1);
    } finally {
      restarted.close();
      abandoned.close();
    }
  });

  it('can be closed twice', () => {
    const stores = openSqliteStationStores(folder.path('station.db'));
    stores.close();
    expect(() => stores.close()).not.toThrow();
  });
});
