import { StoreError, type TransactionRecord, type TransactionStorePort } from '@evstation/core';
import type { SqliteContext } from './sqlite-context.js';
import { guarded } from './sqlite-errors.js';

interface TransactionRow {
  evse_id: number;
  transaction_id: string;
  record: string;
}

/** Parses a stored record, refusing one that is not the row's own transaction (damage must never pass for data). */
function toRecord(row: TransactionRow, file: string): TransactionRecord {
  let record: unknown;
  try {
    record = JSON.parse(row.record);
  } catch (error) {
    const corrupt = new StoreError('corrupt', `SQLite database ${file}: the transaction of EVSE ${row.evse_id} is not valid JSON`, file);
    corrupt.cause = error;
    throw corrupt;
  }
  const candidate = record as Partial<TransactionRecord> | null;
  if (typeof candidate !== 'object' || candidate === null || candidate.evseId !== row.evse_id || candidate.transactionId !== row.transaction_id) {
    throw new StoreError('corrupt', `SQLite database ${file}: the transaction of EVSE ${row.evse_id} does not match its row`, file);
  }
  return candidate as TransactionRecord;
}

/**
 * Open transactions on SQLite, one row per EVSE (E01-E14, power loss). Built over the station's shared connection, a
 * `save` made while the message queue store queues a TransactionEvent commits in the same SQLite transaction.
 */
export class SqliteTransactionStore implements TransactionStorePort {
  private readonly selectAll;
  private readonly selectOne;
  private readonly upsert;
  private readonly deleteOne;

  constructor(private readonly context: SqliteContext) {
    const { db } = context;
    this.selectAll = db.prepare<[], TransactionRow>('SELECT evse_id, transaction_id, record FROM evse_transaction ORDER BY evse_id');
    this.selectOne = db.prepare<[number], TransactionRow>('SELECT evse_id, transaction_id, record FROM evse_transaction WHERE evse_id = ?');
    this.upsert = db.prepare<{ evse_id: number; transaction_id: string; started_at: string; record: string }>(
      `INSERT INTO evse_transaction (evse_id, transaction_id, started_at, record) VALUES (@evse_id, @transaction_id, @started_at, @record)
       ON CONFLICT (evse_id) DO UPDATE SET transaction_id = excluded.transaction_id, started_at = excluded.started_at, record = excluded.record`,
    );
    this.deleteOne = db.prepare<[number]>('DELETE FROM evse_transaction WHERE evse_id = ?');
  }

  loadAll(): TransactionRecord[] {
    const rows = guarded(this.context.file, 'loading open transactions', () => this.selectAll.all());
    return rows.map((row) => toRecord(row, this.context.file));
  }

  get(evseId: number): TransactionRecord | undefined {
    const row = guarded(this.context.file, 'reading an open transaction', () => this.selectOne.get(evseId));
    return row === undefined ? undefined : toRecord(row, this.context.file);
  }

  save(record: TransactionRecord): void {
    guarded(this.context.file, 'storing an open transaction', () =>
      this.upsert.run({ evse_id: record.evseId, transaction_id: record.transactionId, started_at: record.startedAt, record: JSON.stringify(record) }),
    );
  }

  remove(evseId: number): void {
    guarded(this.context.file, 'removing an ended transaction', () => this.deleteOne.run(evseId));
  }
}
