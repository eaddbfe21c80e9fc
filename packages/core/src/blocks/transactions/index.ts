export { TransactionManager, type MeterValuesTrigger } from './transaction-manager.js';
export type {
  ActiveTransaction,
  AuthorizeOptions,
  AuthorizeOutcome,
  EvseState,
  TransactionEventQueue,
  TransactionManagerDeps,
  TransactionManagerEvents,
  TransactionMetering,
} from './transaction-manager-deps.js';
export type { RecoverOptions } from './recovery.js';
export { getTransactionStatusHandler, type TransactionStatusSource } from './get-transaction-status.handler.js';
export { transactionsBlock } from './transactions.block.js';
export { TX_POINTS, startPointReached, stopPointReached, stopsWhenAuthorizationEnds, txPointsOf, type PointFacts, type TxPoint } from './tx-points.js';
export { planTransactionEvent, type EventSpec, type PlannedEvent } from './transaction-event-builder.js';
export { randomTransactionId } from './transaction-id.js';
