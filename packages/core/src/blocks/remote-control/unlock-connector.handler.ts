import type { UnlockStatusEnumType } from '../../messages/index.js';
import type { CallHandler } from '../../rpc/functional-block.js';

/** What UnlockConnector needs from the station. */
export interface UnlockConnectorDeps {
  connectorExists(evseId: number, connectorId: number): boolean;
  /** Whether an authorized transaction runs on the EVSE (F05.FR.02: then the connector stays locked). */
  hasAuthorizedTransaction(evseId: number): boolean;
  /** Ends an unauthorized transaction on the EVSE with stoppedReason UnlockCommand (F05.FR.04); no-op without one. */
  endUnauthorizedTransaction(evseId: number): void;
  /** Drives the lock (the station's unlockConnector callback); UnlockFailed when the station has none. */
  unlock(evseId: number, connectorId: number): Promise<UnlockStatusEnumType>;
}

/**
 * F05 UnlockConnector (TC_F_05-07, TC_F_10): UnknownConnector for a connector the station does not have,
 * OngoingAuthorizedTransaction while an authorized transaction runs, else the result of the station's lock.
 */
export function unlockConnectorHandler(deps: UnlockConnectorDeps): CallHandler<'UnlockConnector'> {
  return async (request) => {
    const { evseId, connectorId } = request;
    if (!deps.connectorExists(evseId, connectorId)) return { status: 'UnknownConnector' };
    if (deps.hasAuthorizedTransaction(evseId)) return { status: 'OngoingAuthorizedTransaction' };
    deps.endUnauthorizedTransaction(evseId);
    return { status: await deps.unlock(evseId, connectorId) };
  };
}
