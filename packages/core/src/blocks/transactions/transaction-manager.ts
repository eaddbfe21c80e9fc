import type {
  ChargingStateEnumType,
  GetTransactionStatusRequest,
  GetTransactionStatusResponse,
  IdTokenInfoType,
  IdTokenType,
  MeterValueType,
  ReasonEnumType,
  TransactionEventRequest,
  TransactionEventResponse,
  TriggerReasonEnumType,
} from '../../messages/index.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import { describeTransaction } from './active-transaction.js';
import { importRegisterWh } from './energy-register.js';
import { fromRecord, hasTransaction, reauthorized, withReading, type EvseSession } from './evse-session.js';
import { mayStopWith, sameIdToken } from './id-token-match.js';
import { powerLossMeterValue, type RecoverOptions } from './recovery.js';
import { TransactionEngine, withoutAuthorization, type Cause } from './transaction-engine.js';
import type { ActiveTransaction, AuthorizeOptions, AuthorizeOutcome, EvseState, TransactionManagerDeps } from './transaction-manager-deps.js';
import { inEnergyTransfer } from './tx-points.js';

/** Trigger reasons the meter-values block sends Updated events with (J02). */
export type MeterValuesTrigger = Extract<TriggerReasonEnumType, 'MeterValuePeriodic' | 'MeterValueClock' | 'Trigger' | 'SignedDataReceived'>;

/** A deliberate end of an authorization (E06.FR.03/04, E07, F03, E03 timeout). */
interface AuthorizationEnd {
  triggerReason: TriggerReasonEnumType;
  reason: ReasonEnumType;
  stopIdToken?: IdTokenType;
}

/**
 * Functional block E Transactions (issue 4 §2): the station reports facts (cable, authorization, charging state,
 * parking bay, signed data, meter values) and the manager applies TxStartPoint/TxStopPoint to them, sending
 * TransactionEvent Started/Updated/Ended with gap-free seqNo through the durable queue (E01-E12), answering
 * GetTransactionStatus (E14) and ending or resuming open transactions after a restart (power loss).
 */
export class TransactionManager {
  private readonly logger: LoggerPort;
  private readonly engine: TransactionEngine;

  constructor(private readonly deps: TransactionManagerDeps) {
    this.logger = deps.logger.child({ component: 'TransactionManager' });
    this.engine = new TransactionEngine(deps, this.logger, (evseId) => this.onConnectionTimeout(evseId));
  }

  /**
   * After a restart, before any fact: ends each transaction left open in the store (Ended, AbnormalCondition, PowerLoss,
   * next seqNo, last stored meter value) or resumes it. Events queued before the crash stay queued ahead of these.
   */
  recover(options: RecoverOptions = {}): void {
    const at = this.deps.clock.now();
    for (const record of this.deps.store.loadAll()) {
      const session = fromRecord(record);
      if (options.resume === true) {
        this.engine.commit(session);
        this.deps.metering?.startTransaction(record.evseId, record.transactionId);
        this.logger.info({ evseId: record.evseId, transactionId: record.transactionId }, 'Transaction resumed after restart');
        continue;
      }
      this.engine.end(session, { at, triggerReason: 'AbnormalCondition', stoppedReason: options.stoppedReason ?? 'PowerLoss', meterValue: powerLossMeterValue(record) });
    }
  }

  /** E02 (TC_E_03, TC_E_09): the cable was plugged in (EVConnected; with an authorization, PowerPathClosed). */
  onCablePluggedIn(evseId: number, connectorId: number): void {
    const session = this.engine.session(evseId);
    if (session === undefined || (session.facts.evConnected && session.facts.connectorId === connectorId)) return;
    const { facts } = session;
    const chargingState = facts.chargingState === 'Idle' ? 'EVConnected' : facts.chargingState;
    this.engine.apply(session, { ...session, facts: { ...facts, evConnected: true, connectorId, chargingState } }, this.cause('CablePluggedIn', 'Other'));
  }

  /**
   * E06.FR.02 (TC_E_14, TC_E_20, TC_E_54), E09/E10 (TC_E_24-27): the cable was unplugged. At the EV side,
   * StopTxOnEVSideDisconnect true also ends the authorization, and then UnlockOnEVSideDisconnect unlocks the connector.
   */
  onCableUnplugged(evseId: number, connectorId: number, side: 'ev' | 'station'): void {
    const session = this.engine.session(evseId);
    if (session === undefined || !session.facts.evConnected) return;
    const settings = this.engine.settings();
    const deauthorize = side === 'ev' && settings.stopTxOnEVSideDisconnect && session.facts.authorized;
    const base = deauthorize && session.transaction === undefined ? withoutAuthorization(session) : session;
    const { connectorId: _plugged, ...facts } = base.facts;
    const next: EvseSession = {
      ...base,
      facts: { ...facts, evConnected: false, chargingState: 'Idle', authorized: deauthorize ? false : facts.authorized, dataSigned: session.transaction === undefined ? false : facts.dataSigned },
    };
    this.engine.apply(session, next, { ...this.cause('EVCommunicationLost', 'EVDisconnected'), authorizationEnded: deauthorize });
    if (side !== 'ev' || !settings.unlockOnEVSideDisconnect) return;
    // E10.FR.01 (TC_E_26/27): StopTxOnEVSideDisconnect false keeps the connector locked for the driver, whatever
    // UnlockOnEVSideDisconnect says, but only while the session goes on: a transaction that a stop point (EVConnected,
    // PowerPathClosed) ended anyway leaves nothing to return to, so the cable is released as UnlockOnEVSideDisconnect says.
    const after = this.engine.session(evseId);
    const goesOn = after?.transaction !== undefined || after?.facts.authorized === true;
    if (settings.stopTxOnEVSideDisconnect || !goesOn) this.deps.events?.unlockConnector?.(evseId, connectorId);
  }

  /**
   * C01/E02/E03/F01/F02: an accepted token was presented for an EVSE. A free EVSE is authorized (Authorized or
   * RemoteStart); the token (or its group, or a master pass) that authorized the EVSE stops it (E07, StopAuthorized).
   */
  onAuthorized(evseId: number, idToken: IdTokenType, idTokenInfo: IdTokenInfoType, options: AuthorizeOptions = {}): AuthorizeOutcome {
    const session = this.engine.session(evseId);
    if (session === undefined || idTokenInfo.status !== 'Accepted') return 'ignored';
    const groupIdToken = options.groupIdToken ?? idTokenInfo.groupIdToken;
    // TransactionEventRequest.idToken is required when the EV Driver ends the authorization, the same token included.
    if (options.masterPass === true) {
      if (session.transaction === undefined) return 'ignored';
      this.endAuthorization(session, { triggerReason: 'StopAuthorized', reason: 'MasterPass', stopIdToken: idToken });
      return 'stopped';
    }
    if (session.facts.authorized) {
      if (!mayStopWith(session, { idToken, groupIdToken })) return 'ignored';
      this.endAuthorization(session, { triggerReason: 'StopAuthorized', reason: 'Local', stopIdToken: idToken });
      return 'stopped';
    }
    const { groupIdToken: _previousGroup, ...base } = session;
    const tx = session.transaction;
    const next: EvseSession = {
      ...base,
      facts: { ...session.facts, authorized: true },
      idToken,
      ...(groupIdToken === undefined ? {} : { groupIdToken }),
      ...(options.remoteStartId === undefined ? {} : { pendingRemoteStartId: options.remoteStartId }),
      ...(options.reservationId === undefined ? {} : { pendingReservationId: options.reservationId }),
      ...(tx === undefined ? {} : { transaction: reauthorized(tx, !sameIdToken(session.idToken, idToken)) }),
    };
    const outcome = this.engine.apply(session, next, this.cause(options.remoteStartId === undefined ? 'Authorized' : 'RemoteStart', 'Local'));
    return outcome === 'started' ? 'started' : outcome === 'updated' ? 'updated' : 'authorized';
  }

  /**
   * E05/C15 (TC_E_16, TC_E_17, TC_E_39, TC_C_15-18): the CSMS later said the idToken is not valid. StopTxOnInvalidId
   * true ends the authorization (Deauthorized); false lets charging go on up to MaxEnergyOnInvalidId Wh, if set.
   */
  onDeauthorized(evseId: number, idTokenInfo: IdTokenInfoType): void {
    const session = this.engine.session(evseId);
    if (session === undefined || (!session.facts.authorized && session.transaction === undefined)) return;
    this.logger.info({ evseId, status: idTokenInfo.status }, 'Authorization withdrawn');
    if (session.transaction === undefined) {
      this.engine.commit(withoutAuthorization(session));
      return;
    }
    const settings = this.engine.settings();
    if (settings.stopTxOnInvalidId) {
      this.endAuthorization(session, { triggerReason: 'Deauthorized', reason: 'DeAuthorized' });
      return;
    }
    if (settings.maxEnergyOnInvalidIdWh === undefined) return;
    this.engine.persist({ ...session, transaction: { ...session.transaction, energyLimitWh: settings.maxEnergyOnInvalidIdWh } });
    this.checkEnergyLimit(evseId);
  }

  /** E05: a TransactionEventResponse whose idTokenInfo is not Accepted deauthorizes the transaction's EVSE. */
  onTransactionEventResponse(request: TransactionEventRequest, response: TransactionEventResponse): void {
    const info = response.idTokenInfo;
    if (info === undefined || info.status === 'Accepted') return;
    const session = this.engine.withTransactions().find((s) => s.transaction.transactionId === request.transactionInfo.transactionId);
    if (session !== undefined) this.onDeauthorized(session.evseId, info);
  }

  /**
   * E01.FR.04/E06 EnergyTransfer (TC_E_02, TC_E_08, TC_E_22), E02: the EV's charging state changed (ChargingStateChanged).
   * Energy stopped by the EV (SuspendedEV, EVConnected) is StoppedByEV; paused by the EVSE it is no doing of the EV.
   */
  onChargingStateChanged(evseId: number, state: ChargingStateEnumType): void {
    const session = this.engine.session(evseId);
    if (session === undefined || session.facts.chargingState === state) return;
    const stopReason: ReasonEnumType = state === 'SuspendedEVSE' ? 'Other' : 'StoppedByEV';
    this.engine.apply(session, { ...session, facts: { ...session.facts, chargingState: state } }, this.cause('ChargingStateChanged', stopReason));
  }

  /** E01.FR.01/E06.FR.01 (TC_E_12, TC_E_19): the parking bay detector sees a vehicle, or no longer does. */
  onParkingBay(evseId: number, occupied: boolean): void {
    const session = this.engine.session(evseId);
    if (session === undefined || session.facts.parkingBayOccupied === occupied) return;
    const cause = { ...this.cause(occupied ? 'EVDetected' : 'EVDeparted', 'EVDisconnected'), report: false };
    this.engine.apply(session, { ...session, facts: { ...session.facts, parkingBayOccupied: occupied } }, cause);
  }

  /** E01.FR.06 (TC_E_11): signed meter data was received (DataSigned start point). */
  onDataSigned(evseId: number): void {
    const session = this.engine.session(evseId);
    if (session === undefined || session.facts.dataSigned) return;
    this.engine.apply(session, { ...session, facts: { ...session.facts, dataSigned: true } }, { ...this.cause('SignedDataReceived', 'Other'), report: false });
  }

  /** J02: meter values for the EVSE's transaction, sent as TransactionEvent(Updated); false without a transaction. */
  onMeterValues(evseId: number, meterValue: readonly MeterValueType[], triggerReason: MeterValuesTrigger): boolean {
    const session = this.engine.session(evseId);
    if (!hasTransaction(session) || meterValue.length === 0) return false;
    this.engine.update(withReading(session, meterValue), { triggerReason, timestamp: this.deps.clock.now(), meterValue });
    this.checkEnergyLimit(evseId);
    return true;
  }

  /** F06 (TC_F_13/14): TriggerMessage(TransactionEvent) sends Updated with triggerReason Trigger and the given values; false without a transaction. */
  reportTriggered(evseId: number, meterValue: readonly MeterValueType[]): boolean {
    const session = this.engine.session(evseId);
    if (!hasTransaction(session)) return false;
    this.engine.update(session, { triggerReason: 'Trigger', timestamp: this.deps.clock.now(), ...(meterValue.length === 0 ? {} : { meterValue }) });
    return true;
  }

  /** What the station knows of an EVSE's session: who authorized it, whether an EV is plugged in, whether a transaction runs. */
  evseState(evseId: number): EvseState | undefined {
    const session = this.engine.session(evseId);
    if (session === undefined) return undefined;
    return {
      authorized: session.facts.authorized,
      evConnected: session.facts.evConnected,
      ...(session.facts.connectorId === undefined ? {} : { connectorId: session.facts.connectorId }),
      ...(session.idToken === undefined ? {} : { idToken: session.idToken }),
      ...(session.groupIdToken === undefined ? {} : { groupIdToken: session.groupIdToken }),
      ...(session.transaction === undefined ? {} : { transactionId: session.transaction.transactionId }),
    };
  }

  /** Keeps the EVSE's latest reading with its transaction (the Ended after a power loss carries it; E05 energy limit). */
  recordMeterValue(evseId: number, meterValue: MeterValueType): void {
    const session = this.engine.session(evseId);
    if (!hasTransaction(session)) return;
    this.engine.persist(withReading(session, [meterValue]));
    this.checkEnergyLimit(evseId);
  }

  /** F03 (TC_F_08, TC_E_21, TC_E_35): RequestStopTransaction ends the authorization (RemoteStop, stoppedReason Remote). */
  remoteStop(transactionId: string): 'Accepted' | 'Rejected' {
    const session = this.engine.withTransactions().find((s) => s.transaction.transactionId === transactionId);
    if (session === undefined) return 'Rejected';
    this.endAuthorization(session, { triggerReason: 'RemoteStop', reason: 'Remote' });
    return 'Accepted';
  }

  /** B11/B12 Reset Immediate (ImmediateReset, ResetCommand), emergency stop...: ends the EVSE's transaction now; false without one. */
  abort(evseId: number, reason: ReasonEnumType, triggerReason: TriggerReasonEnumType): boolean {
    const session = this.engine.session(evseId);
    if (!hasTransaction(session)) return false;
    this.engine.end({ ...session, facts: { ...session.facts, authorized: false } }, { at: this.deps.clock.now(), triggerReason, stoppedReason: reason });
    this.deps.events?.stopCharging?.(evseId, reason);
    return true;
  }

  /** Aborts every running transaction (station-wide Reset Immediate); returns the EVSEs that had one. */
  abortAll(reason: ReasonEnumType, triggerReason: TriggerReasonEnumType): number[] {
    return this.engine.withTransactions().map((s) => s.evseId).filter((evseId) => this.abort(evseId, reason, triggerReason));
  }

  /** The transaction running on an EVSE. */
  transactionOn(evseId: number): ActiveTransaction | undefined {
    const session = this.engine.withTransactions().find((s) => s.evseId === evseId);
    return session === undefined ? undefined : describeTransaction(session);
  }

  /** Every running transaction, by EVSE id. */
  activeTransactions(): ActiveTransaction[] {
    return this.engine.withTransactions().map(describeTransaction);
  }

  /** Whether a transaction runs on the EVSE, or on any EVSE when none is given (B12 OnIdle, G03 Scheduled). */
  hasActiveTransaction(evseId?: number): boolean {
    return this.engine.withTransactions().some((s) => evseId === undefined || evseId === 0 || s.evseId === evseId);
  }

  /** Whether an accepted token authorizes the EVSE now (with or without a transaction). */
  isAuthorized(evseId: number): boolean {
    return this.engine.session(evseId)?.facts.authorized === true;
  }

  /** E14 (TC_E_28-34): ongoingIndicator for a given transaction, messagesInQueue for it (or for any transaction). */
  getTransactionStatus(request: GetTransactionStatusRequest): GetTransactionStatusResponse {
    const { queue } = this.deps;
    if (request.transactionId === undefined) return { messagesInQueue: queue.size('transaction') > 0 };
    const ongoing = this.engine.withTransactions().some((s) => s.transaction.transactionId === request.transactionId);
    return { ongoingIndicator: ongoing, messagesInQueue: queue.hasMessagesFor(request.transactionId) };
  }

  /** Stops the EVConnectionTimeOut timers (station shutdown); state stays in the store. */
  dispose(): void {
    this.engine.dispose();
  }

  private cause(triggerReason: TriggerReasonEnumType, stopReason: ReasonEnumType): Cause {
    return { at: this.deps.clock.now(), triggerReason, stopReason, report: true };
  }

  /**
   * E06.FR.03/04, E07, F03: the authorization ends; energy stops (chargingState EVConnected when it was transferring),
   * and stop points Authorized, PowerPathClosed and EnergyTransfer end the transaction.
   */
  private endAuthorization(session: EvseSession, end: AuthorizationEnd): void {
    const { facts } = session;
    const chargingState = facts.evConnected && inEnergyTransfer(facts.chargingState) ? 'EVConnected' : facts.chargingState;
    if (session.transaction === undefined) {
      this.engine.commit(withoutAuthorization(session));
      return;
    }
    const next: EvseSession = { ...session, facts: { ...facts, authorized: false, chargingState } };
    const cause: Cause = {
      ...this.cause(end.triggerReason, end.reason),
      authorizationEnded: true,
      ...(end.stopIdToken === undefined ? {} : { stopIdToken: end.stopIdToken }),
    };
    this.engine.apply(session, next, cause);
    this.deps.events?.stopCharging?.(session.evseId, end.reason);
  }

  /** E03 (TC_E_05, TC_E_39), E10 (TC_E_27): authorized, but no EV within EVConnectionTimeOut. */
  private onConnectionTimeout(evseId: number): void {
    const session = this.engine.session(evseId);
    if (session === undefined || !session.facts.authorized || session.facts.evConnected) return;
    this.logger.info({ evseId }, 'EVConnectionTimeOut expired');
    if (!hasTransaction(session)) {
      this.engine.commit(withoutAuthorization(session));
    } else {
      const stoppedReason = session.transaction.stopCause?.reason ?? 'Timeout';
      this.engine.end({ ...session, facts: { ...session.facts, authorized: false } }, { at: this.deps.clock.now(), triggerReason: 'EVConnectTimeout', stoppedReason });
    }
    // No station fact caused this change: tell the owner, or a station would keep an expired authorization.
    this.deps.events?.authorizationExpired?.(evseId);
  }

  /** E05/C15: MaxEnergyOnInvalidId delivered since the start: pause energy and report EnergyLimitReached (SuspendedEVSE). */
  private checkEnergyLimit(evseId: number): void {
    const session = this.engine.session(evseId);
    if (!hasTransaction(session)) return;
    const tx = session.transaction;
    if (tx.energyLimitWh === undefined || tx.lastMeterValue === undefined) return;
    const nowWh = importRegisterWh([tx.lastMeterValue]);
    if (nowWh === undefined || nowWh - (tx.startEnergyWh ?? nowWh) < tx.energyLimitWh) return;
    const { energyLimitWh: _reached, ...rest } = tx;
    const { facts } = session;
    const chargingState = inEnergyTransfer(facts.chargingState) ? 'SuspendedEVSE' : facts.chargingState;
    this.engine.update({ ...session, facts: { ...facts, chargingState }, transaction: rest }, { triggerReason: 'EnergyLimitReached', timestamp: this.deps.clock.now() });
    this.deps.events?.pauseCharging?.(evseId);
  }
}
