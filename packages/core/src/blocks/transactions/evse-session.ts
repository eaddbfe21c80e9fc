import type { IdTokenType, MeterValueType } from '../../messages/index.js';
import type { EvseFacts, ReportedFields, StopCause, TransactionRecord } from '../../ports/storage/transaction-store.port.js';
import { importRegisterWh } from './energy-register.js';

/** The transaction running on an EVSE: what its events have reported and what its end depends on (E01-E07). */
export interface OpenTransaction {
  transactionId: string;
  /** ISO 8601. */
  startedAt: string;
  reported: ReportedFields;
  stopCause?: StopCause;
  energyLimitWh?: number;
  startEnergyWh?: number;
  lastMeterValue?: MeterValueType;
}

/** One EVSE as the TransactionManager sees it: the reported facts, the authorizing token, and its transaction if any. */
export interface EvseSession {
  evseId: number;
  facts: EvseFacts;
  /** The token of the current authorization, or of the transaction's last one. */
  idToken?: IdTokenType;
  groupIdToken?: IdTokenType;
  /** F01/F02: remoteStartId for the next event (E: "transactionInfo.remoteStartId" of the first event after the start). */
  pendingRemoteStartId?: number;
  /** H03: reservationId for the next event. */
  pendingReservationId?: number;
  transaction?: OpenTransaction;
}

/** An EVSE with a transaction. */
export type SessionWithTransaction = EvseSession & { transaction: OpenTransaction };

/** Whether a transaction runs on the session's EVSE. */
export function hasTransaction(session: EvseSession | undefined): session is SessionWithTransaction {
  return session?.transaction !== undefined;
}

/** An EVSE nothing is known about: no EV, no authorization, no transaction. */
export function idleSession(evseId: number): EvseSession {
  return { evseId, facts: { parkingBayOccupied: false, evConnected: false, authorized: false, dataSigned: false, chargingState: 'Idle' } };
}

/** The session after its transaction ended: the physical facts stay; authorization, signed data and pending ids are used up. */
export function afterTransaction(session: EvseSession): EvseSession {
  const { facts } = session;
  return { evseId: session.evseId, facts: { ...facts, authorized: false, dataSigned: false } };
}

/** The stored form of a session with a transaction (written on every change). */
export function toRecord(session: SessionWithTransaction): TransactionRecord {
  const { transaction: tx } = session;
  return {
    evseId: session.evseId,
    transactionId: tx.transactionId,
    startedAt: tx.startedAt,
    facts: session.facts,
    ...(session.idToken === undefined ? {} : { idToken: session.idToken }),
    ...(session.groupIdToken === undefined ? {} : { groupIdToken: session.groupIdToken }),
    reported: tx.reported,
    ...(session.pendingRemoteStartId === undefined ? {} : { pendingRemoteStartId: session.pendingRemoteStartId }),
    ...(session.pendingReservationId === undefined ? {} : { pendingReservationId: session.pendingReservationId }),
    ...(tx.stopCause === undefined ? {} : { stopCause: tx.stopCause }),
    ...(tx.energyLimitWh === undefined ? {} : { energyLimitWh: tx.energyLimitWh }),
    ...(tx.startEnergyWh === undefined ? {} : { startEnergyWh: tx.startEnergyWh }),
    ...(tx.lastMeterValue === undefined ? {} : { lastMeterValue: tx.lastMeterValue }),
  };
}

/** The session a stored transaction describes (resume after a restart). */
export function fromRecord(record: TransactionRecord): SessionWithTransaction {
  return {
    evseId: record.evseId,
    facts: record.facts,
    ...(record.idToken === undefined ? {} : { idToken: record.idToken }),
    ...(record.groupIdToken === undefined ? {} : { groupIdToken: record.groupIdToken }),
    ...(record.pendingRemoteStartId === undefined ? {} : { pendingRemoteStartId: record.pendingRemoteStartId }),
    ...(record.pendingReservationId === undefined ? {} : { pendingReservationId: record.pendingReservationId }),
    transaction: {
      transactionId: record.transactionId,
      startedAt: record.startedAt,
      reported: record.reported,
      ...(record.stopCause === undefined ? {} : { stopCause: record.stopCause }),
      ...(record.energyLimitWh === undefined ? {} : { energyLimitWh: record.energyLimitWh }),
      ...(record.startEnergyWh === undefined ? {} : { startEnergyWh: record.startEnergyWh }),
      ...(record.lastMeterValue === undefined ? {} : { lastMeterValue: record.lastMeterValue }),
    },
  };
}

/** E03.FR.01: a new authorization of a running transaction: a different token is reported again; an earlier stop cause is void. */
export function reauthorized(tx: OpenTransaction, newToken: boolean): OpenTransaction {
  const { stopCause: _void, ...rest } = tx;
  return newToken ? { ...rest, reported: { ...rest.reported, idToken: false } } : rest;
}

/** J02/E05: the session with its latest reading kept (and the start register, on the first one). */
export function withReading(session: SessionWithTransaction, meterValue: readonly MeterValueType[]): SessionWithTransaction {
  const last = meterValue.at(-1);
  const startEnergyWh = session.transaction.startEnergyWh ?? importRegisterWh(meterValue);
  return {
    ...session,
    transaction: { ...session.transaction, ...(last === undefined ? {} : { lastMeterValue: last }), ...(startEnergyWh === undefined ? {} : { startEnergyWh }) },
  };
}
