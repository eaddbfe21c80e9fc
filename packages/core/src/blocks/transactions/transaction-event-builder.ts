import type {
  EVSEType,
  IdTokenType,
  MeterValueType,
  ReasonEnumType,
  TransactionEventEnumType,
  TransactionEventRequest,
  TransactionType,
  TriggerReasonEnumType,
} from '../../messages/index.js';
import type { SessionWithTransaction } from './evse-session.js';

/** What one TransactionEvent says, beside what the session supplies. */
export interface EventSpec {
  eventType: TransactionEventEnumType;
  triggerReason: TriggerReasonEnumType;
  /** When it happened (E04/E12: offline events keep their own time). */
  timestamp: Date;
  /** Generated while the station was offline (E04.FR.03). */
  offline: boolean;
  /** Ended only (E06; always given, although Local may be omitted: E03.FR.05 allows both). */
  stoppedReason?: ReasonEnumType;
  meterValue?: readonly MeterValueType[];
  /** E07: the token presented to stop, when it is not the one that authorized the transaction. */
  stopIdToken?: IdTokenType;
}

/** A TransactionEvent ready for its seqNo, and the session once it is sent (its once-only fields marked reported). */
export interface PlannedEvent {
  payload(seqNo: number): TransactionEventRequest;
  session: SessionWithTransaction;
}

/** E01.FR.16: evse in the first event; again (once) with its connectorId in the first event after the EV connected. */
function evseField(session: SessionWithTransaction): { evse?: EVSEType; reported: 'none' | 'evse' | 'connector' } {
  const { reported } = session.transaction;
  const { connectorId, evConnected } = session.facts;
  const knownConnector = evConnected && connectorId !== undefined ? connectorId : undefined;
  if (reported.evse === 'none' || (reported.evse === 'evse' && knownConnector !== undefined)) {
    return knownConnector === undefined
      ? { evse: { id: session.evseId }, reported: 'evse' }
      : { evse: { id: session.evseId, connectorId: knownConnector }, reported: 'connector' };
  }
  return { reported: reported.evse };
}

/** E03.FR.01: the authorizing idToken once, in the first event after the authorization; E07: the token that stopped it. */
function idTokenField(session: SessionWithTransaction, spec: EventSpec): { idToken?: IdTokenType; reported: boolean } {
  const { reported } = session.transaction;
  if (spec.stopIdToken !== undefined) return { idToken: spec.stopIdToken, reported: reported.idToken };
  if (!reported.idToken && session.facts.authorized && session.idToken !== undefined) return { idToken: session.idToken, reported: true };
  return { reported: reported.idToken };
}

/**
 * Plans one TransactionEventRequest (E01-E12, J02): chargingState only when it changed, evse and idToken once,
 * remoteStartId (F01/F02) and reservationId (H03) in the first event after they became known, offline when queued
 * offline. Pure: the caller assigns the seqNo and keeps the returned session.
 */
export function planTransactionEvent(session: SessionWithTransaction, spec: EventSpec): PlannedEvent {
  const { transaction: tx, facts } = session;
  const evse = evseField(session);
  const idToken = idTokenField(session, spec);
  const chargingStateChanged = facts.chargingState !== tx.reported.chargingState;
  const transactionInfo: TransactionType = {
    transactionId: tx.transactionId,
    ...(chargingStateChanged ? { chargingState: facts.chargingState } : {}),
    ...(spec.eventType === 'Ended' && spec.stoppedReason !== undefined ? { stoppedReason: spec.stoppedReason } : {}),
    ...(session.pendingRemoteStartId === undefined ? {} : { remoteStartId: session.pendingRemoteStartId }),
  };
  const meterValue = spec.meterValue !== undefined && spec.meterValue.length > 0 ? [...spec.meterValue] : undefined;
  const fields = {
    eventType: spec.eventType,
    timestamp: spec.timestamp.toISOString(),
    triggerReason: spec.triggerReason,
    ...(spec.offline ? { offline: true } : {}),
    ...(meterValue === undefined ? {} : { meterValue }),
    ...(session.pendingReservationId === undefined ? {} : { reservationId: session.pendingReservationId }),
    transactionInfo,
    ...(evse.evse === undefined ? {} : { evse: evse.evse }),
    ...(idToken.idToken === undefined ? {} : { idToken: idToken.idToken }),
  };
  const { pendingRemoteStartId: _sentRemoteStartId, pendingReservationId: _sentReservationId, ...rest } = session;
  return {
    payload: (seqNo) => structuredClone({ ...fields, seqNo }),
    session: {
      ...rest,
      transaction: { ...tx, reported: { evse: evse.reported, idToken: idToken.reported, chargingState: facts.chargingState } },
    },
  };
}
