import type { MessageQueueStorePort, NewQueuedMessage, QueuedMessage, QueuedMessageKind } from '@evstation/core';
import type { SqliteContext } from './sqlite-context.js';
import { guarded } from './sqlite-errors.js';

interface MessageRow {
  id: number;
  kind: string;
  action: string;
  payload: string | null;
  created_at: string;
  attempts: number;
  transaction_id: string | null;
  seq_no: number | null;
}

type InsertParams = Omit<MessageRow, 'id' | 'attempts'>;

function toMessage(row: MessageRow): QueuedMessage {
  return {
    id: row.id,
    kind: row.kind as QueuedMessageKind,
    action: row.action,
    payload: row.payload === null ? undefined : (JSON.parse(row.payload) as unknown),
    createdAt: row.created_at,
    attempts: row.attempts,
    ...(row.transaction_id === null || row.seq_no === null ? {} : { transactionId: row.transaction_id, seqNo: row.seq_no }),
  };
}

/**
 * Durable outgoing queue on SQLite (DESIGN rule 6, E04, E13): a message and its transaction's next seqNo are written in
 * one SQLite transaction, committed (fsynced, synchronous=FULL) before `enqueue` returns.
 */
export class SqliteMessageQueueStore implements MessageQueueStorePort {
  private readonly selectNextSeqNo;
  private readonly upsertNextSeqNo;
  private readonly insert;
  private readonly selectOldest;
  private readonly deleteOne;
  private readonly updateAttempts;
  private readonly countAll;
  private readonly countKind;
  private readonly enqueueTransaction;

  constructor(private readonly context: SqliteContext) {
    const { db } = context;
    this.selectNextSeqNo = db.prepare<[string], number>('SELECT next_seq_no FROM transaction_seq_no WHERE transaction_id = ?').pluck();
    this.upsertNextSeqNo = db.prepare<[string, number]>(
      'INSERT INTO transaction_seq_no (transaction_id, next_seq_no) VALUES (?, ?) ON CONFLICT (transaction_id) DO UPDATE SET next_seq_no = excluded.next_seq_no',
    );
    this.insert = db.prepare<InsertParams>(
      `INSERT INTO message_queue (kind, action, payload, created_at, transaction_id, seq_no)
       VALUES (@kind, @action, @payload, @created_at, @transaction_id, @seq_no)`,
    );
    this.selectOldest = db.prepare<[number], MessageRow>('SELECT * FROM message_queue ORDER BY id LIMIT ?');
    this.deleteOne = db.prepare<[number]>('DELETE FROM message_queue WHERE id = ?');
    this.updateAttempts = db.prepare<[number, number]>('UPDATE message_queue SET attempts = ? WHERE id = ?');
    this.countAll = db.prepare<[], number>('SELECT count(*) FROM message_queue').pluck();
    this.countKind = db.prepare<[string], number>('SELECT count(*) FROM message_queue WHERE kind = ?').pluck();
    // buildPayload runs inside the transaction: if it throws, the rollback leaves neither message nor seqNo behind.
    this.enqueueTransaction = db.transaction((message: NewQueuedMessage, buildPayload: (seqNo: number | undefined) => unknown): QueuedMessage => {
      const { transactionId } = message;
      const seqNo = transactionId === undefined ? undefined : (this.selectNextSeqNo.get(transactionId) ?? 0);
      const payload = buildPayload(seqNo);
      const text = JSON.stringify(payload) as string | undefined;
      const row: InsertParams = {
        kind: message.kind,
        action: message.action,
        payload: text ?? null,
        created_at: message.createdAt,
        transaction_id: transactionId ?? null,
        seq_no: seqNo ?? null,
      };
      const { lastInsertRowid } = this.insert.run(row);
      if (transactionId !== undefined && seqNo !== undefined) this.upsertNextSeqNo.run(transactionId, seqNo + 1);
      // Hand back what a restart would read, never the caller's payload object.
      return toMessage({ ...row, id: Number(lastInsertRowid), attempts: 0 });
    });
  }

  enqueue(message: NewQueuedMessage, buildPayload: (seqNo: number | undefined) => unknown): QueuedMessage {
    return guarded(this.context.file, 'queueing a message', () => this.enqueueTransaction.immediate(message, buildPayload));
  }

  peek(limit: number): QueuedMessage[] {
    return guarded(this.context.file, 'reading the message queue', () => this.selectOldest.all(Math.max(0, limit)).map(toMessage));
  }

  remove(id: number): void {
    guarded(this.context.file, 'removing a queued message', () => this.deleteOne.run(id));
  }

  setAttempts(id: number, attempts: number): void {
    guarded(this.context.file, 'recording send attempts', () => this.updateAttempts.run(attempts, id));
  }

  count(kind?: QueuedMessageKind): number {
    return guarded(this.context.file, 'counting queued messages', () => (kind === undefined ? this.countAll.get() : this.countKind.get(kind)) ?? 0);
  }

  nextSeqNo(transactionId: string): number {
    return guarded(this.context.file, 'reading a seqNo', () => this.selectNextSeqNo.get(transactionId) ?? 0);
  }
}
