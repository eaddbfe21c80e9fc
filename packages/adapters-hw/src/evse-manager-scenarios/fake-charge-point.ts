import type {
  ChargingStateEnumType,
  EvseManagerCallbacks,
  EvseManagerChargePoint,
  IdTokenType,
  MeterValueType,
  PresentedIdTokenResult,
  UnlockStatusEnumType,
} from '@evstation/core';

/** What the fake ChargePoint needs. */
export interface FakeChargePointDeps {
  /** The evse-manager's callbacks, called back the way the real ChargePoint would. */
  callbacks: EvseManagerCallbacks;
  evseIds: readonly number[];
  /** Tokens it accepts (as an Authorize Accepted would); any other is Invalid. */
  acceptedTokens: readonly string[];
  /** E10 UnlockOnEVSideDisconnect; default true. */
  unlockOnEvSideDisconnect?: boolean;
}

/**
 * A ChargePoint-like object that keeps these scenarios about the evse-manager alone: it records what it is told,
 * authorizes tokens by a list, tracks each EVSE's authorization, and calls the manager's callbacks as the real one
 * does (authorizationChanged on a start or stop, stopTransaction on a stop or unplug, unlockConnector on an EV-side
 * unplug, connectorEffectiveOperativeStatusChanged on ChangeAvailability).
 */
export class FakeChargePoint implements EvseManagerChargePoint {
  /** Everything but meter values, per EVSE, as short strings ('sessionStarted', 'chargingState:Charging', ...). */
  private readonly logs = new Map<number, string[]>();
  private readonly meter = new Map<number, MeterValueType[]>();
  private readonly connected = new Set<number>();
  private readonly authorizedBy = new Map<number, string>();

  constructor(private readonly deps: FakeChargePointDeps) {}

  onSessionStarted(evseId: number, connectorId: number): void {
    this.connected.add(evseId);
    this.record(evseId, `sessionStarted:${connectorId}`);
  }

  onSessionFinished(evseId: number, connectorId: number, side?: 'ev' | 'station'): void {
    this.connected.delete(evseId);
    this.record(evseId, `sessionFinished:${side ?? 'unknown'}`);
    // TxStopPoint EVConnected (the default): the unplug ends the transaction and its authorization.
    if (this.authorizedBy.delete(evseId)) {
      this.deps.callbacks.authorizationChanged(evseId, false);
      this.deps.callbacks.stopTransaction(evseId, 'EVDisconnected');
    }
    if (side === 'ev' && this.deps.unlockOnEvSideDisconnect !== false) {
      void this.deps.callbacks.unlockConnector(evseId, connectorId).then((status) => this.record(evseId, `unlockOnEvSide:${status}`));
    }
  }

  async presentIdToken(idToken: IdTokenType, options: { evseId?: number } = {}): Promise<PresentedIdTokenResult> {
    await Promise.resolve(); // the real one awaits Authorize / the cache
    const status = this.deps.acceptedTokens.includes(idToken.idToken) ? 'Accepted' : 'Invalid';
    const evseId = options.evseId ?? this.pickEvse(idToken.idToken);
    if (evseId === undefined) return { idTokenInfo: { status }, outcome: 'ignored' };
    const holder = this.authorizedBy.get(evseId);
    if (holder === idToken.idToken) {
      // E06/C: the same token again stops the transaction.
      this.authorizedBy.delete(evseId);
      this.deps.callbacks.authorizationChanged(evseId, false);
      this.deps.callbacks.stopTransaction(evseId, 'Local');
      return { evseId, idTokenInfo: { status }, outcome: 'stopped' };
    }
    if (status !== 'Accepted' || holder !== undefined) return { evseId, idTokenInfo: { status }, outcome: 'ignored' };
    this.authorizedBy.set(evseId, idToken.idToken);
    this.deps.callbacks.authorizationChanged(evseId, true);
    return { evseId, idTokenInfo: { status }, outcome: this.connected.has(evseId) ? 'started' : 'authorized' };
  }

  onChargingStateChanged(evseId: number, state: ChargingStateEnumType): void {
    this.record(evseId, `chargingState:${state}`);
  }

  onMeterValue(evseId: number, meterValue: MeterValueType): void {
    const list = this.meter.get(evseId) ?? [];
    list.push(meterValue);
    this.meter.set(evseId, list);
  }

  onFaulted(evseId: number): void {
    this.record(evseId, 'faulted');
  }

  onFaultCleared(evseId: number): void {
    this.record(evseId, 'faultCleared');
  }

  onLockFailure(evseId: number, _connectorId: number, techInfo?: string): void {
    this.record(evseId, `lockFailure:${techInfo ?? ''}`);
  }

  isAuthorized(evseId: number): boolean {
    return this.authorizedBy.has(evseId);
  }

  /** CSMS side, F01/F02: RequestStartTransaction accepted for this EVSE. */
  remoteStart(evseId: number): void {
    this.authorizedBy.set(evseId, 'remote');
    this.deps.callbacks.authorizationChanged(evseId, true);
  }

  /** CSMS side, G03/G04: ChangeAvailability became effective on a connector. */
  changeAvailability(evseId: number, connectorId: number, status: 'Operative' | 'Inoperative'): void {
    this.deps.callbacks.connectorEffectiveOperativeStatusChanged(evseId, connectorId, status);
  }

  /** CSMS side, F05: UnlockConnector as the real handler answers it (F05.FR.02 first, then the station's lock). */
  async requestUnlock(evseId: number, connectorId: number): Promise<UnlockStatusEnumType> {
    if (this.authorizedBy.has(evseId)) return 'OngoingAuthorizedTransaction';
    return this.deps.callbacks.unlockConnector(evseId, connectorId);
  }

  /** What the EVSE reported, in order, without meter values. */
  log(evseId: number): string[] {
    return [...(this.logs.get(evseId) ?? [])];
  }

  /** The charging states reported for the EVSE, in order. */
  chargingStates(evseId: number): string[] {
    return this.log(evseId).flatMap((line) => (line.startsWith('chargingState:') ? [line.slice('chargingState:'.length)] : []));
  }

  meterValues(evseId: number): MeterValueType[] {
    return [...(this.meter.get(evseId) ?? [])];
  }

  /** Forgets what was recorded so far (to assert on what a step adds). */
  clear(): void {
    this.logs.clear();
    this.meter.clear();
  }

  private pickEvse(idToken: string): number | undefined {
    const { evseIds } = this.deps;
    return (
      evseIds.find((id) => this.authorizedBy.get(id) === idToken) ??
      evseIds.find((id) => this.connected.has(id) && !this.authorizedBy.has(id)) ??
      evseIds.find((id) => !this.authorizedBy.has(id))
    );
  }

  private record(evseId: number, line: string): void {
    const list = this.logs.get(evseId) ?? [];
    list.push(line);
    this.logs.set(evseId, list);
  }
}
