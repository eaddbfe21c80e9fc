import type { FunctionalBlock } from '../../rpc/functional-block.js';
import { requestStartTransactionHandler, type RequestStartTransactionDeps } from './request-start-transaction.handler.js';
import { requestStopTransactionHandler, type RequestStopTransactionDeps } from './request-stop-transaction.handler.js';
import { triggerMessageHandler, type TriggerTable } from './trigger-message.handler.js';
import { unlockConnectorHandler, type UnlockConnectorDeps } from './unlock-connector.handler.js';

/** What block F needs: each part is optional so a station without transactions still serves TriggerMessage. */
export interface RemoteControlDeps {
  triggers: TriggerTable;
  remoteStart?: RequestStartTransactionDeps;
  remoteStop?: RequestStopTransactionDeps;
  unlock?: UnlockConnectorDeps;
}

/** Functional block F RemoteControl: F01/F02 RequestStartTransaction, F03 RequestStopTransaction, F05 UnlockConnector, F06 TriggerMessage. */
export function remoteControlBlock(deps: RemoteControlDeps): FunctionalBlock {
  return {
    name: 'remote-control',
    handlers: {
      TriggerMessage: triggerMessageHandler(deps.triggers),
      ...(deps.remoteStart === undefined ? {} : { RequestStartTransaction: requestStartTransactionHandler(deps.remoteStart) }),
      ...(deps.remoteStop === undefined ? {} : { RequestStopTransaction: requestStopTransactionHandler(deps.remoteStop) }),
      ...(deps.unlock === undefined ? {} : { UnlockConnector: unlockConnectorHandler(deps.unlock) }),
    },
  };
}
