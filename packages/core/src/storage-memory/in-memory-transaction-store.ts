import type { TransactionRecord, TransactionStorePort } from '../ports/storage/transaction-store.port.js';
import { cloneData } from './store-keys.js';

/** Open transactions in memory (E01-E14, power loss): for simulators and tests; passes the same contract suite as the SQLite store. */
export class InMemoryTransactionStore implements TransactionStorePort {
  private readonly records = new Map<number, TransactionRecord>();

  loadAll(): TransactionRecord[] {
    return [...this.records.values()].sort((a, b) => a.evseId - b.evseId).map(cloneData);
  }

  get(evseId: number): TransactionRecord | undefined {
    const record = this.records.get(evseId);
    return record === undefined ? undefined : cloneData(record);
  }

  save(record: TransactionRecord): void {
    this.records.set(record.evseId, cloneData(record));
  }

  remove(evseId: number): void {
    this.records.delete(evseId);
  }
}
