import type { DeviceModel, StationLayout } from '../../device-model/index.js';
import type { ChargingStateEnumType, IdTokenType, MeterValueType, ReasonEnumType } from '../../messages/index.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { TransactionStorePort } from '../../ports/storage/transaction-store.port.js';

/** The part of the MessageQueue the manager uses (DESIGN rule 6: persisted with its seqNo before the first send). */
export interface TransactionEventQueue {
  /** Queues a TransactionEvent; `build` gets the transaction's next gap-free seqNo inside the store transaction. */
  pushTransactionEvent(transactionId: string, createdAt: Date, build: (seqNo: number) => unknown): unknown;
  /** Whether messages of this transaction are still queued (E14 messagesInQueue). */
  hasMessagesFor(transactionId: string): boolean;
  /** Queued messages of a kind (E14 without transactionId: any transaction message). */
  size(kind: 'transaction'): number;
}

/** J02 metering of a transaction (the meter-values block's SampledDataScheduler fits). */
export interface TransactionMetering {
  /** The meterValue of TransactionEvent(Started): Transaction.Begin, TxStartedMeasurands. */
  startedValues(evseId: number): MeterValueType[];
  /** The transaction started: begin its sampled intervals. */
  startTransaction(evseId: number, transactionId: string): void;
  /** The transaction ends: stop metering and return the meterValue of TransactionEvent(Ended). */
  stopTransaction(evseId: number): MeterValueType[];
}

/** What the manager tells the station (the ChargePoint maps these to its callbacks). */
export interface TransactionManagerEvents {
  transactionStarted?(evseId: number, transactionId: string): void;
  transactionEnded?(evseId: number, transactionId: string, reason: ReasonEnumType): void;
  /** Energy must stop: the authorization ended (E06/E07, F03, E05) or the transaction was aborted. */
  stopCharging?(evseId: number, reason: ReasonEnumType): void;
  /** Energy must pause (E05 MaxEnergyOnInvalidId reached with StopTxOnInvalidId false). */
  pauseCharging?(evseId: number): void;
  /** E09/E10: UnlockOnEVSideDisconnect true and the cable was unplugged at the EV. */
  unlockConnector?(evseId: number, connectorId: number): void;
  /** E03 (TC_E_05, TC_E_39): EVConnectionTimeOut expired and withdrew the EVSE's authorization (a timer, not a fact). */
  authorizationExpired?(evseId: number): void;
}

/** The ports and collaborators of the TransactionManager (DESIGN rule 3: one named deps object). */
export interface TransactionManagerDeps {
  clock: ClockPort;
  logger: LoggerPort;
  deviceModel: DeviceModel;
  store: TransactionStorePort;
  queue: TransactionEventQueue;
  /** Whether the CSMS is reachable now; events generated otherwise carry offline true (E04.FR.03). */
  isOnline: () => boolean;
  /** Default: a random UUID, unique for the station's lifetime (E01.FR.08), at most 36 characters. */
  newTransactionId?: () => string;
  layout: StationLayout;
  metering?: TransactionMetering;
  events?: TransactionManagerEvents;
}

/** How a token was presented (F01/F02 remote start, H03 reservation, C16 master pass, C09 group). */
export interface AuthorizeOptions {
  remoteStartId?: number;
  groupIdToken?: IdTokenType;
  reservationId?: number;
  /** The token belongs to AuthCtrlr.MasterPassGroupId: it may stop any transaction and start none (C16). */
  masterPass?: boolean;
}

/**
 * What presenting a token did: a transaction started, the running one was updated (authorized), the EVSE is authorized
 * waiting for a start point, the transaction (or authorization) was stopped by the same token, or nothing.
 */
export type AuthorizeOutcome = 'started' | 'updated' | 'authorized' | 'stopped' | 'ignored';

/** A running transaction as the station sees it. */
export interface ActiveTransaction {
  evseId: number;
  transactionId: string;
  startedAt: Date;
  /** The connector the EV is plugged into, when connected. */
  connectorId?: number;
  chargingState: ChargingStateEnumType;
  authorized: boolean;
  idToken?: IdTokenType;
  groupIdToken?: IdTokenType;
}

/** One EVSE's session as the station sees it (which token authorized it, EV plugged, transaction). */
export interface EvseState {
  authorized: boolean;
  evConnected: boolean;
  connectorId?: number;
  idToken?: IdTokenType;
  groupIdToken?: IdTokenType;
  transactionId?: string;
}
