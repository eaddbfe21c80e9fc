import type { CallHandler } from '../../rpc/functional-block.js';

/** What RequestStopTransaction needs: the TransactionManager fits. */
export interface RequestStopTransactionDeps {
  /** Ends the authorization of the transaction; Rejected for an unknown or finished transaction. */
  remoteStop(transactionId: string): Promise<'Accepted' | 'Rejected'> | 'Accepted' | 'Rejected';
}

/** F03 RequestStopTransaction (TC_F_08 Accepted, TC_F_09 Rejected for an unknown transactionId). */
export function requestStopTransactionHandler(deps: RequestStopTransactionDeps): CallHandler<'RequestStopTransaction'> {
  return async (request) => {
    const status = await deps.remoteStop(request.transactionId);
    return status === 'Accepted' ? { status } : { status, statusInfo: { reasonCode: 'UnknownTransaction' } };
  };
}
