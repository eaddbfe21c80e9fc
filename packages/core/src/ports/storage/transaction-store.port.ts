import type { ChargingStateEnumType, IdTokenType, MeterValueType, ReasonEnumType, TriggerReasonEnumType } from '../../messages/index.js';

/** What the station reported about one EVSE: the facts TxStartPoint and TxStopPoint are applied to (E01, E06). */
export interface EvseFacts {
  /** A parking bay detector sees a vehicle (ParkingBayOccupancy). */
  parkingBayOccupied: boolean;
  /** The cable connects the EVSE and the EV (EVConnected). */
  evConnected: boolean;
  /** The connector in use while `evConnected`. */
  connectorId?: number;
  /** An accepted idToken authorizes the EVSE (Authorized). */
  authorized: boolean;
  /** Signed meter data was received (DataSigned). */
  dataSigned: boolean;
  /** The current chargingState (Charging = EnergyTransfer). */
  chargingState: ChargingStateEnumType;
}

/** Which once-only fields of TransactionEventRequest a transaction has already reported (E01.FR.16, E03.FR.01). */
export interface ReportedFields {
  /** `evse` not yet sent, sent without connectorId (EV not connected yet), or sent with it. */
  evse: 'none' | 'evse' | 'connector';
  /** The authorizing idToken was sent. */
  idToken: boolean;
  /** The chargingState last sent (Idle before any). */
  chargingState: ChargingStateEnumType;
}

/** Why a transaction's authorization ended while the transaction goes on; its Ended event will carry this reason. */
export interface StopCause {
  reason: ReasonEnumType;
  triggerReason: TriggerReasonEnumType;
}

/**
 * One EVSE's open transaction, written on every change so the station can end or resume it after a restart
 * (E01.FR.07 seqNo lives in the message queue store; power loss: reliability §2.4).
 */
export interface TransactionRecord {
  evseId: number;
  transactionId: string;
  /** When the transaction started (ISO 8601). */
  startedAt: string;
  facts: EvseFacts;
  /** The idToken that authorized the transaction, and its group (E07 stop by the same token or group). */
  idToken?: IdTokenType;
  groupIdToken?: IdTokenType;
  reported: ReportedFields;
  /** F01/F02: remoteStartId still to send in the next event. */
  pendingRemoteStartId?: number;
  /** H03: reservationId still to send in the next event. */
  pendingReservationId?: number;
  stopCause?: StopCause;
  /** E05/C15: MaxEnergyOnInvalidId in Wh, in force after the CSMS deauthorized the idToken. */
  energyLimitWh?: number;
  /** Energy.Active.Import.Register (Wh) at the transaction's first reading. */
  startEnergyWh?: number;
  /** The last meter value reported in the transaction (the Ended after a power loss carries it). */
  lastMeterValue?: MeterValueType;
}

/** Persistence of open transactions, one per EVSE. Writes are durable when the call returns (ADR 0001). */
export interface TransactionStorePort {
  /** Every open transaction, by ascending EVSE id. */
  loadAll(): TransactionRecord[];
  /** The open transaction of an EVSE. */
  get(evseId: number): TransactionRecord | undefined;
  /** Inserts or replaces the EVSE's open transaction. */
  save(record: TransactionRecord): void;
  /** Forgets the EVSE's transaction (it ended); nothing happens when there is none. */
  remove(evseId: number): void;
}
