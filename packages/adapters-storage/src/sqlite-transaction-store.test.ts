import { InMemoryTransactionStore, StoreError, type TransactionRecord } from '@evstation/core';
import { fullTransactionRecord, minimalTransactionRecord, transactionStoreContract } from '@evstation/core/testing';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, schemaVersionOf } from './migrations.js';
import { openStationDatabase } from './open-station-database.js';
import type { SqliteContext } from './sqlite-context.js';
import { SqliteMessageQueueStore } from './sqlite-message-queue-store.js';
import { SqliteTransactionStore } from './sqlite-transaction-store.js';
import { TempFolder, useTempFolder } from './testing/temp-station-database.js';

/** The transaction store over a real station database file, opened and migrated as openSqliteStationStores does. */
function fileHarness() {
  const folder = new TempFolder();
  const file = folder.path('station.db');
  let context: SqliteContext = openStationDatabase(file);
  return {
    store: new SqliteTransactionStore(context),
    reopen: () => {
      context.db.close();
      context = openStationDatabase(file);
      return new SqliteTransactionStore(context);
    },
    dispose: () => {
      if (context.db.open) context.db.close();
      folder.dispose();
    },
  };
}

// DESIGN §4: the SQLite and the in-memory transaction stores pass the same contract suite.
transactionStoreContract('SqliteTransactionStore on a file', fileHarness);

transactionStoreContract('SqliteTransactionStore on :memory:', () => {
  const context = openStationDatabase(':memory:');
  return { store: new SqliteTransactionStore(context), dispose: () => context.db.close() };
});

transactionStoreContract('InMemoryTransactionStore (re-exported through core)', () => ({ store: new InMemoryTransactionStore() }));

describe('SqliteTransactionStore on the station database', () => {
  const folder = useTempFolder();

  it('003-transactions.sql adds its table to a database of an earlier version, keeping its data', () => {
    const file = folder.path('station.db');
    const migrations = loadMigrations();
    const older = openStationDatabase(file, { migrations: migrations.filter((m) => m.version < 3) });
    older.db.prepare("INSERT INTO availability (scope, status) VALUES ('[]', 'Inoperative')").run();
    older.db.close();
    const context = openStationDatabase(file);
    try {
      expect(schemaVersionOf(context.db)).toBeGreaterThanOrEqual(3);
      expect(context.db.prepare('SELECT status FROM availability').pluck().get()).toBe('Inoperative');
      new SqliteTransactionStore(context).save(minimalTransactionRecord);
      expect(new SqliteTransactionStore(context).loadAll()).toStrictEqual([minimalTransactionRecord]);
    } finally {
      context.db.close();
    }
  });

  it('DESIGN rule 6: a save inside the queue store enqueue commits with the TransactionEvent and its seqNo, before enqueue returns', () => {
    const file = folder.path('station.db');
    const context = openStationDatabase(file);
    try {
      const queue = new SqliteMessageQueueStore(context);
      const transactions = new SqliteTransactionStore(context);
      queue.enqueue({ kind: 'transaction', action: 'TransactionEvent', createdAt: '2026-03-01T12:00:00.000Z', transactionId: 'tx-1' }, (seqNo) => {
        transactions.save(minimalTransactionRecord);
        return { seqNo };
      });
      const other = new Database(file, { readonly: true, fileMustExist: true });
      expect(other.prepare('SELECT transaction_id FROM evse_transaction').pluck().all()).toEqual(['tx-1']);
      expect(other.prepare('SELECT seq_no FROM message_queue').pluck().all()).toEqual([0]);
      other.close();
    } finally {
      context.db.close();
    }
  });

  it('rolls the saved state back with the message when the payload cannot be built: record, message and seqNo stay in step', () => {
    const context = openStationDatabase(':memory:');
    try {
      const queue = new SqliteMessageQueueStore(context);
      const transactions = new SqliteTransactionStore(context);
      transactions.save(minimalTransactionRecord);
      const changed: TransactionRecord = { ...minimalTransactionRecord, reported: { evse: 'evse', idToken: true, chargingState: 'Idle' } };
      expect(() =>
        queue.enqueue({ kind: 'transaction', action: 'TransactionEvent', createdAt: '2026-03-01T12:00:00.000Z', transactionId: 'tx-1' }, () => {
          transactions.save(changed);
          throw new Error('builder failed');
        }),
      ).toThrow('builder failed');
      expect(transactions.get(1)).toStrictEqual(minimalTransactionRecord);
      expect(queue.count()).toBe(0);
      expect(queue.nextSeqNo('tx-1')).toBe(0);
    } finally {
      context.db.close();
    }
  });

  it('a station killed without closing finds its open transactions and queued events again', () => {
    const file = folder.path('station.db');
    const abandoned = openStationDatabase(file);
    new SqliteMessageQueueStore(abandoned).enqueue({ kind: 'transaction', action: 'TransactionEvent', createdAt: '2026-03-01T12:00:00.000Z', transactionId: fullTransactionRecord.transactionId }, (seqNo) => {
      new SqliteTransactionStore(abandoned).save(fullTransactionRecord);
      return { seqNo };
    });
    const restarted = openStationDatabase(file);
    try {
      expect(new SqliteTransactionStore(restarted).loadAll()).toStrictEqual([fullTransactionRecord]);
      expect(new SqliteMessageQueueStore(restarted).nextSeqNo(fullTransactionRecord.transactionId)).toBe(1);
    } finally {
      restarted.db.close();
      abandoned.db.close();
    }
  });

  it('refuses a damaged record with a StoreError of kind corrupt naming the file, never passing it off as data', () => {
    const context = openStationDatabase(':memory:');
    try {
      context.db.prepare("INSERT INTO evse_transaction (evse_id, transaction_id, started_at, record) VALUES (1, 'tx-1', 'x', '{not json')").run();
      context.db.prepare('INSERT INTO evse_transaction (evse_id, transaction_id, started_at, record) VALUES (2, ?, ?, ?)').run('tx-2', 'x', JSON.stringify({ ...minimalTransactionRecord, evseId: 5 }));
      const store = new SqliteTransactionStore(context);
      expect(() => store.get(1)).toThrow(StoreError);
      expect(() => store.get(1)).toThrow(/EVSE 1 is not valid JSON/);
      expect(() => store.get(2)).toThrow(/does not match its row/);
      try {
        store.loadAll();
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(StoreError);
        expect((error as StoreError).kind).toBe('corrupt');
        expect((error as StoreError).location).toBe(':memory:');
      }
    } finally {
      context.db.close();
    }
  });
});
