import { InMemoryTransactionStore } from '../../storage-memory/index.js';
import { transactionStoreContract } from '../../testing/store-contracts/index.js';

// DESIGN §4 / ADR 0002: the in-memory store passes the same contract suite as SqliteTransactionStore.
transactionStoreContract('InMemoryTransactionStore', () => ({ store: new InMemoryTransactionStore() }));
