import type { ActiveTransaction } from './transaction-manager-deps.js';
import type { SessionWithTransaction } from './evse-session.js';

/** A running transaction as the station sees it (RequestStartTransaction answers, Reset OnIdle, the sim's control API). */
export function describeTransaction(session: SessionWithTransaction): ActiveTransaction {
  const { facts, transaction } = session;
  return {
    evseId: session.evseId,
    transactionId: transaction.transactionId,
    startedAt: new Date(transaction.startedAt),
    ...(facts.evConnected && facts.connectorId !== undefined ? { connectorId: facts.connectorId } : {}),
    chargingState: facts.chargingState,
    authorized: facts.authorized,
    ...(session.idToken === undefined ? {} : { idToken: session.idToken }),
    ...(session.groupIdToken === undefined ? {} : { groupIdToken: session.groupIdToken }),
  };
}
