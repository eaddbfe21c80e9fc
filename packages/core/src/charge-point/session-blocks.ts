import type { DeviceModel, StationLayout } from '../device-model/index.js';
import type { MeterValuesRequest } from '../messages/index.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { FunctionalBlock } from '../rpc/functional-block.js';
import type { Availability } from '../blocks/availability/availability.js';
import { authorizationBlock } from '../blocks/authorization/authorization.block.js';
import type { RemoteControlDeps } from '../blocks/remote-control/remote-control.block.js';
import type { TriggerTable } from '../blocks/remote-control/trigger-message.handler.js';
import { transactionsBlock } from '../blocks/transactions/transactions.block.js';
import type { ChargingSessions } from './charging-sessions.js';
import { sessionTriggers } from './session-triggers.js';

/** What the session blocks are built from. */
export interface SessionBlocksDeps {
  sessions: ChargingSessions;
  availability: Availability;
  deviceModel: DeviceModel;
  logger: LoggerPort;
  layout: StationLayout;
  /** B02.FR.05: remote starts only once Accepted. */
  isAccepted: () => boolean;
  sendMeterValues: (request: MeterValuesRequest) => void;
}

/**
 * Blocks C (ClearCache) and E (GetTransactionStatus), and block F's parts that act on sessions: RequestStart/Stop
 * Transaction, UnlockConnector and the MeterValues / TransactionEvent triggers.
 */
export function sessionBlocks(deps: SessionBlocksDeps): { blocks: FunctionalBlock[]; remoteControl: Omit<RemoteControlDeps, 'triggers'>; triggers: TriggerTable } {
  const { sessions, availability } = deps;
  const { transactions } = sessions;
  return {
    blocks: [authorizationBlock({ authorizer: sessions.authorizer }), transactionsBlock({ transactions })],
    remoteControl: {
      remoteStart: { isAccepted: deps.isAccepted, decideRemoteStart: (request) => sessions.decideRemoteStart(request) },
      remoteStop: { remoteStop: (transactionId) => sessions.remoteStop(transactionId) },
      unlock: {
        connectorExists: (evseId, connectorId) => availability.exists({ evseId, connectorId }),
        hasAuthorizedTransaction: (evseId) => transactions.transactionOn(evseId)?.authorized === true,
        endUnauthorizedTransaction: (evseId) => sessions.endUnauthorizedTransaction(evseId),
        unlock: (evseId, connectorId) => sessions.unlock(evseId, connectorId),
      },
    },
    triggers: sessionTriggers({
      sessions,
      deviceModel: deps.deviceModel,
      logger: deps.logger,
      evseExists: (evseId) => deps.layout.evses.some((e) => e.id === evseId),
      sendMeterValues: deps.sendMeterValues,
    }),
  };
}
