import type { ChargingStateEnumType, IdTokenType, MeterValueType, ReasonEnumType } from '../messages/index.js';
import type { PresentedIdTokenResult } from '../charge-point/charging-sessions.js';

/**
 * What the evse-manager tells the ChargePoint (station -> library, DESIGN 3.3). The real ChargePoint satisfies this
 * structurally; the manager never needs more of it.
 */
export interface EvseManagerChargePoint {
  /** Cable plugged in (pilot A -> B); implies chargingState EVConnected (E02). */
  onSessionStarted(evseId: number, connectorId: number): void;
  /**
   * Cable unplugged (pilot -> A); implies chargingState Idle. side 'ev' when the station knows the EV side was pulled
   * (tethered cable, or the plug still in the socket by PP), else 'station' (E09/E10).
   */
  onSessionFinished(evseId: number, connectorId: number, side?: 'ev' | 'station'): void;
  /**
   * A token was presented locally (RFID/PIN); the ChargePoint authorizes it (Authorize/cache/offline rules), picks
   * the EVSE when none is given, applies it (start/stop per TxStartPoint/TxStopPoint) and answers (C01, E01-E03).
   */
  presentIdToken(idToken: IdTokenType, options?: { evseId?: number }): Promise<PresentedIdTokenResult>;
  /** E01-E06: the EV's charging state changed (Charging, SuspendedEV, SuspendedEVSE, EVConnected, Idle). */
  onChargingStateChanged(evseId: number, state: ChargingStateEnumType): void;
  /** J01/J02: a reading of an EVSE's meter (evseId 0 = the station's main meter). */
  onMeterValue(evseId: number, meterValue: MeterValueType): void;
  /** G01/G04: the connector became Faulted (controller fault, dead controller). */
  onFaulted(evseId: number, connectorId: number): void;
  /** G01/G04: the connector's last fault cleared. */
  onFaultCleared(evseId: number, connectorId: number): void;
  /** G05: the connector failed to lock (no charging; reported as ConnectorPlugRetentionLock Problem). */
  onLockFailure(evseId: number, connectorId: number, techInfo?: string): void;
  /** Whether an accepted token (local or remote start) authorizes the EVSE now (read at start; then authorizationChanged). */
  isAuthorized(evseId: number): boolean;
}

/** The outcome of presenting a token: where it applied and what it did (the ChargePoint's own type). */
export type { PresentedIdTokenResult };

/** The effective operational status of a connector (OperationalStatusEnumType). */
export type ConnectorOperativeStatus = 'Operative' | 'Inoperative';

/**
 * The ChargePoint callbacks (library -> station) the evse-manager implements; a station app spreads them into the
 * ChargePoint's callbacks. Plain function properties, so spreading keeps them bound.
 */
export interface EvseManagerCallbacks {
  /** F05 (and E10 UnlockOnEVSideDisconnect): unlock only with the contactor open; 'Unlocked' | 'UnlockFailed'. */
  unlockConnector(evseId: number, connectorId: number): Promise<'Unlocked' | 'UnlockFailed'>;
  /** Energy must stop now: the authorization ended (E06/E07, F03, E05) or the transaction was aborted. */
  stopTransaction(evseId: number, reason: ReasonEnumType): void;
  /** Energy must pause (E05 MaxEnergyOnInvalidId reached). */
  pauseCharging(evseId: number): void;
  /** An EVSE became authorized or lost its authorization (local token or RequestStartTransaction). */
  authorizationChanged(evseId: number, authorized: boolean): void;
  /** G03/G04: a connector's effective operational status changed -> controller setAvailable. */
  connectorEffectiveOperativeStatusChanged(evseId: number, connectorId: number, status: ConnectorOperativeStatus): void;
  /** Takes a meter reading now and reports it through onMeterValue (the final register before a transaction ends). */
  refreshMeterValue(evseId: number): Promise<void>;
}
