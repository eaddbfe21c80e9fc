import type { FunctionalBlock } from '../../rpc/functional-block.js';
import { getTransactionStatusHandler, type TransactionStatusSource } from './get-transaction-status.handler.js';

/** Functional block E Transactions: E14 GetTransactionStatus (the TransactionEvents go out through the durable queue). */
export function transactionsBlock(deps: { transactions: TransactionStatusSource }): FunctionalBlock {
  return {
    name: 'transactions',
    handlers: {
      GetTransactionStatus: getTransactionStatusHandler(deps.transactions),
    },
  };
}
