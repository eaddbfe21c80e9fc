import type { GetTransactionStatusRequest, GetTransactionStatusResponse } from '../../messages/index.js';
import type { CallHandler } from '../../rpc/functional-block.js';

/** What GetTransactionStatus reads: the TransactionManager fits. */
export interface TransactionStatusSource {
  getTransactionStatus(request: GetTransactionStatusRequest): GetTransactionStatusResponse;
}

/**
 * E14 GetTransactionStatus (TC_E_28-34): with a transactionId, whether it is ongoing and whether its messages are still
 * queued (an unknown id is neither); without one, only whether any transaction message is still queued.
 */
export function getTransactionStatusHandler(source: TransactionStatusSource): CallHandler<'GetTransactionStatus'> {
  return (request) => source.getTransactionStatus(request);
}
