import type { DeviceModel, StationLayout } from '../device-model/index.js';
import type {
  AuthorizeRequest,
  AuthorizeResponse,
  ChargingStateEnumType,
  IdTokenInfoType,
  IdTokenType,
  MeterValueType,
  MeterValuesRequest,
  RequestStartTransactionRequest,
  TransactionEventRequest,
  TransactionEventResponse,
  UnlockStatusEnumType,
} from '../messages/index.js';
import type { ClockPort, TimerHandle } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { QueuedMessage } from '../ports/storage/message-queue-store.port.js';
import type { StationStores } from '../ports/storage/station-stores.js';
import type { MessageQueue } from '../rpc/message-queue.js';
import type { Availability } from '../blocks/availability/availability.js';
import { Authorizer, isMasterPass, restrictToEvse, type AuthorizationResult, type AuthorizeContext } from '../blocks/authorization/index.js';
import { AlignedDataScheduler, MeterValueStore, SampledDataScheduler, type TransactionMeterValues } from '../blocks/meter-values/index.js';
import type { RemoteStartDecision } from '../blocks/remote-control/request-start-transaction.handler.js';
import { TransactionManager, type AuthorizeOptions, type AuthorizeOutcome, type TransactionEventQueue } from '../blocks/transactions/index.js';
import type { ChargePointCallbacks } from './callbacks.js';
import { evseAuthorizedBy, evseForPresentedToken, type EvseCandidate } from './evse-choice.js';
import { remoteStartTarget, withoutUnsupportedProfile } from './remote-start.js';

/** How long a stop waits for the station's fresh meter reading (a Modbus read takes well under a second). */
const REFRESH_LIMIT_MS = 2_000;

/** The outcome of presenting a token: where it applied and what it did (C01, E02, E03, E07). */
export interface PresentedIdTokenResult {
  evseId?: number;
  idTokenInfo: IdTokenInfoType;
  outcome: AuthorizeOutcome;
}

/** What the charging sessions need from the ChargePoint. */
export interface ChargingSessionsDeps {
  clock: ClockPort;
  logger: LoggerPort;
  deviceModel: DeviceModel;
  stores: StationStores;
  layout: StationLayout;
  queue: MessageQueue;
  availability: Availability;
  /** Connected and Accepted: events generated otherwise carry offline true (E04.FR.03). */
  isOnline: () => boolean;
  sendAuthorize: (request: AuthorizeRequest) => Promise<AuthorizeResponse>;
  /** J01: clock-aligned values of an idle EVSE or the main meter. */
  sendMeterValues: (request: MeterValuesRequest) => void;
  callbacks: () => ChargePointCallbacks;
  /** A transaction ended on this EVSE (Reset OnIdle, Scheduled ChangeAvailability, firmware waiting). */
  transactionEnded: (evseId: number) => void;
  /** A transaction started on this EVSE. */
  transactionStarted?: (evseId: number) => void;
  newTransactionId?: () => string;
  maxAuthCacheEntries?: number;
}

/**
 * Blocks C, E and J working together behind the ChargePoint: the Authorizer (C01-C16), the TransactionManager (E01-E14)
 * and the meter-value schedulers (J01/J02), fed by the facts the station reports and by remote control (F01-F05).
 */
export class ChargingSessions {
  readonly authorizer: Authorizer;
  readonly transactions: TransactionManager;
  readonly meterValues: MeterValueStore;
  private readonly sampled: SampledDataScheduler;
  private readonly aligned: AlignedDataScheduler;
  private readonly lastAuthorized = new Map<number, boolean>();
  private readonly logger: LoggerPort;

  constructor(private readonly deps: ChargingSessionsDeps) {
    const { clock, deviceModel, stores, layout, isOnline } = deps;
    const logger = (this.logger = deps.logger.child({ component: 'ChargingSessions' }));
    this.meterValues = new MeterValueStore({ logger });
    const sendTransactionMeterValues = (values: TransactionMeterValues): void => this.sendTransactionMeterValues(values);
    this.sampled = new SampledDataScheduler({ clock, logger, deviceModel, store: this.meterValues, sendTransactionMeterValues });
    this.aligned = new AlignedDataScheduler({ clock, logger, deviceModel, store: this.meterValues, sendMeterValues: deps.sendMeterValues, sendTransactionMeterValues });
    this.authorizer = new Authorizer({
      clock,
      logger,
      deviceModel,
      cache: stores.authCache,
      sendAuthorize: deps.sendAuthorize,
      isOnline,
      ...(deps.maxAuthCacheEntries === undefined ? {} : { maxCacheEntries: deps.maxAuthCacheEntries }),
    });
    this.transactions = new TransactionManager({
      clock,
      logger,
      deviceModel,
      store: stores.transactions,
      queue: this.observedQueue(),
      isOnline,
      layout,
      metering: this.sampled,
      ...(deps.newTransactionId === undefined ? {} : { newTransactionId: deps.newTransactionId }),
      events: {
        transactionStarted: (evseId) => deps.transactionStarted?.(evseId),
        transactionEnded: (evseId) => this.afterChange(() => deps.transactionEnded(evseId)),
        stopCharging: (evseId, reason) => this.notify('stopTransaction', () => deps.callbacks().stopTransaction?.(evseId, reason)),
        pauseCharging: (evseId) => this.notify('pauseCharging', () => deps.callbacks().pauseCharging?.(evseId)),
        unlockConnector: (evseId, connectorId) => void this.unlock(evseId, connectorId),
        authorizationExpired: () => this.syncAuthorization(),
      },
    });
  }

  /** After a restart: ends (or resumes) the transactions left open, then starts the clock-aligned timer. */
  start(options: { resume?: boolean } = {}): void {
    this.transactions.recover(options.resume === undefined ? {} : { resume: options.resume });
    this.syncAuthorization();
    this.aligned.start();
  }

  /** Stops every timer; the stores keep their state. */
  stop(): void {
    this.transactions.dispose();
    this.sampled.dispose();
    this.aligned.stop();
  }

  /** The wall clock was set (time sync): clock-aligned instants move with it. */
  clockChanged(): void {
    this.aligned.reschedule();
  }

  /** E02: the cable was plugged in. */
  plugged(evseId: number, connectorId: number): void {
    this.afterChange(() => this.transactions.onCablePluggedIn(evseId, connectorId));
  }

  /** E06/E09/E10: the cable was unplugged. */
  unplugged(evseId: number, connectorId: number, side: 'ev' | 'station'): void {
    this.afterChange(() => this.transactions.onCableUnplugged(evseId, connectorId, side));
  }

  /** E01/E06 EnergyTransfer: the EV's charging state changed. */
  chargingStateChanged(evseId: number, state: ChargingStateEnumType): void {
    this.afterChange(() => this.transactions.onChargingStateChanged(evseId, state));
  }

  /** E01/E06 ParkingBayOccupancy. */
  parkingBay(evseId: number, occupied: boolean): void {
    this.afterChange(() => this.transactions.onParkingBay(evseId, occupied));
  }

  /** J01/J02: a reading of an EVSE's meter (0 = main meter); signed data reaches the DataSigned start point (E01.FR.06). */
  meterValue(evseId: number, meterValue: MeterValueType): void {
    this.meterValues.onMeterValue(evseId, meterValue);
    if (evseId === 0) return;
    this.afterChange(() => {
      this.transactions.recordMeterValue(evseId, meterValue);
      if (meterValue.sampledValue.some((sv) => sv.signedMeterValue !== undefined)) this.transactions.onDataSigned(evseId);
    });
  }

  /** C01-C16: the station's authorization decision for a token, without applying it. */
  authorize(idToken: IdTokenType, context: AuthorizeContext = {}): Promise<AuthorizationResult> {
    return this.authorizer.authorize(idToken, context);
  }

  /** Applies an authorization decided elsewhere to an EVSE (E02/E03 start, E07 stop). */
  applyAuthorization(evseId: number, idToken: IdTokenType, idTokenInfo: IdTokenInfoType, options: AuthorizeOptions = {}): AuthorizeOutcome {
    let outcome: AuthorizeOutcome = 'ignored';
    this.afterChange(() => (outcome = this.transactions.onAuthorized(evseId, idToken, idTokenInfo, options)));
    return outcome;
  }

  /**
   * C01/C04/C06 (and C02 NoAuthorization): a token presented at the station. The token that authorized an EVSE stops it
   * without an Authorize (E07); otherwise the Authorizer decides, a master pass stops (C16), and an accepted token
   * applies to the EVSE given or chosen (see evse-choice.ts).
   */
  async presentIdToken(idToken: IdTokenType, options: { evseId?: number } = {}): Promise<PresentedIdTokenResult> {
    const ownEvse = evseAuthorizedBy(this.candidates(), idToken);
    if (ownEvse !== undefined && (options.evseId === undefined || options.evseId === ownEvse)) {
      await this.refreshMeterValue(ownEvse);
      const idTokenInfo: IdTokenInfoType = { status: 'Accepted' };
      return { evseId: ownEvse, idTokenInfo, outcome: this.applyAuthorization(ownEvse, idToken, idTokenInfo) };
    }
    const decided = await this.authorizer.authorize(idToken, options.evseId === undefined ? {} : { evseId: options.evseId });
    if (isMasterPass(decided.idTokenInfo, this.deps.deviceModel)) return this.masterPass(idToken, decided.idTokenInfo, options.evseId);
    const evseId = options.evseId ?? evseForPresentedToken(this.candidates(), idToken, decided.idTokenInfo);
    const { idTokenInfo } = restrictToEvse(decided, evseId);
    if (evseId === undefined || idTokenInfo.status !== 'Accepted') {
      this.logger.info({ evseId, status: idTokenInfo.status }, 'Presented token not applied');
      return { ...(evseId === undefined ? {} : { evseId }), idTokenInfo, outcome: 'ignored' };
    }
    if (this.transactions.isAuthorized(evseId)) await this.refreshMeterValue(evseId);
    return { evseId, idTokenInfo, outcome: this.applyAuthorization(evseId, idToken, idTokenInfo) };
  }

  /** F01/F02: checks a RequestStartTransaction; once answered, authorizes the token (AuthorizeRemoteStart) and applies it. */
  decideRemoteStart(request: RequestStartTransactionRequest): RemoteStartDecision {
    const target = remoteStartTarget(request, this.candidates());
    if (!('evseId' in target)) return target.decision;
    const { evseId } = target;
    return { ...target.decision, proceed: () => void this.remoteStart(evseId, request) };
  }

  /** F03 (TC_F_08): a fresh meter reading, then the authorization of the transaction ends (RemoteStop). */
  async remoteStop(transactionId: string): Promise<'Accepted' | 'Rejected'> {
    const tx = this.transactions.activeTransactions().find((t) => t.transactionId === transactionId);
    if (tx === undefined) return 'Rejected';
    await this.refreshMeterValue(tx.evseId);
    let status: 'Accepted' | 'Rejected' = 'Rejected';
    this.afterChange(() => (status = this.transactions.remoteStop(transactionId)));
    return status;
  }

  /**
   * Asks the station for a reading now, so the transaction's Ended carries the final register (billing) rather than
   * the last periodic one; a station without the callback, or a failed read, keeps the last reading.
   */
  private async refreshMeterValue(evseId: number): Promise<void> {
    const callbacks = this.deps.callbacks();
    if (callbacks.refreshMeterValue === undefined) return;
    let timer: TimerHandle | undefined;
    // A meter that never answers must not hold up the stop: after REFRESH_LIMIT_MS the last reading is used.
    const limit = new Promise<'timeout'>((resolve) => (timer = this.deps.clock.setTimeout(() => resolve('timeout'), REFRESH_LIMIT_MS)));
    try {
      const outcome = await Promise.race([callbacks.refreshMeterValue(evseId), limit]);
      if (outcome === 'timeout') this.logger.warn({ evseId, limitMs: REFRESH_LIMIT_MS }, 'refreshMeterValue did not answer in time: the last reading is used');
    } catch (error) {
      this.logger.warn({ err: error, evseId }, 'refreshMeterValue callback failed: the last reading is used');
    } finally {
      timer?.cancel();
    }
  }

  /** F05: unlocks through the station's callback; UnlockFailed when there is none or it fails. */
  async unlock(evseId: number, connectorId: number): Promise<UnlockStatusEnumType> {
    const callbacks = this.deps.callbacks();
    if (callbacks.unlockConnector === undefined) return 'UnlockFailed';
    try {
      return await callbacks.unlockConnector(evseId, connectorId);
    } catch (error) {
      this.logger.error({ err: error, evseId, connectorId }, 'unlockConnector callback failed');
      return 'UnlockFailed';
    }
  }

  /** F05.FR.04: a transaction that is no longer authorized ends (triggerReason UnlockCommand) when the CSMS unlocks its connector. */
  endUnauthorizedTransaction(evseId: number): void {
    const tx = this.transactions.transactionOn(evseId);
    if (tx !== undefined && !tx.authorized) this.afterChange(() => this.transactions.abort(evseId, 'Other', 'UnlockCommand'));
  }

  /** The queue got the CSMS's answer to a queued message: TransactionEventResponse feeds the cache (C10.FR.05) and E05. */
  answered(message: QueuedMessage, response: unknown): void {
    if (message.action !== 'TransactionEvent') return;
    const request = message.payload as TransactionEventRequest;
    const answer = response as TransactionEventResponse;
    this.afterChange(() => {
      if (request.idToken !== undefined && answer.idTokenInfo !== undefined) this.authorizer.updateFromTransactionResponse(request.idToken, answer.idTokenInfo);
      this.transactions.onTransactionEventResponse(request, answer);
    });
    this.notify('transactionEventResponse', () => this.deps.callbacks().transactionEventResponse?.(request, answer));
  }

  /** Every EVSE of the layout with its session and whether it may serve a new session. */
  candidates(): EvseCandidate[] {
    const { availability } = this.deps;
    return this.deps.layout.evses.flatMap((evse) => {
      const state = this.transactions.evseState(evse.id);
      if (state === undefined) return [];
      const connectors = evse.connectors.map((c) => availability.status({ evseId: evse.id, connectorId: c.id }));
      const usable = availability.operative({ evseId: evse.id }) === 'Operative' && connectors.some((s) => s !== 'Faulted' && s !== 'Unavailable');
      return [{ evseId: evse.id, state, usable }];
    });
  }

  private async remoteStart(evseId: number, request: RequestStartTransactionRequest): Promise<void> {
    const smartCharging = this.deps.deviceModel.getValue({ name: 'SmartChargingCtrlr' }, { name: 'Available' }) === true;
    const told = withoutUnsupportedProfile(request, smartCharging);
    this.notify('remoteStartTransaction', () => this.deps.callbacks().remoteStartTransaction?.(evseId, told));
    const decided = await this.authorizer.authorize(request.idToken, { evseId, remoteStart: true });
    if (decided.idTokenInfo.status !== 'Accepted') {
      this.logger.info({ evseId, status: decided.idTokenInfo.status }, 'Remote start not authorized (C05)');
      return;
    }
    const groupIdToken = request.groupIdToken ?? decided.idTokenInfo.groupIdToken;
    this.applyAuthorization(evseId, request.idToken, decided.idTokenInfo, { remoteStartId: request.remoteStartId, ...(groupIdToken === undefined ? {} : { groupIdToken }) });
  }

  /** C16 (TC_C_47-49): a master pass stops the transaction of the EVSE given, or every transaction. */
  private masterPass(idToken: IdTokenType, idTokenInfo: IdTokenInfoType, evseId: number | undefined): PresentedIdTokenResult {
    const targets = evseId === undefined ? this.transactions.activeTransactions().map((t) => t.evseId) : [evseId];
    const outcomes = targets.map((id) => this.applyAuthorization(id, idToken, idTokenInfo, { masterPass: true }));
    const outcome: AuthorizeOutcome = outcomes.includes('stopped') ? 'stopped' : 'ignored';
    return { ...(evseId === undefined ? {} : { evseId }), idTokenInfo, outcome };
  }

  private sendTransactionMeterValues(values: TransactionMeterValues): void {
    if (this.transactions.transactionOn(values.evseId)?.transactionId !== values.transactionId) return;
    this.afterChange(() => this.transactions.onMeterValues(values.evseId, values.meterValue, values.triggerReason));
  }

  /** The TransactionManager's queue, telling the station about every TransactionEvent as it is queued. */
  private observedQueue(): TransactionEventQueue {
    const { queue } = this.deps;
    return {
      pushTransactionEvent: (transactionId, createdAt, build) => {
        const message = queue.pushTransactionEvent(transactionId, createdAt, build);
        this.notify('transactionEvent', () => this.deps.callbacks().transactionEvent?.(message.payload as TransactionEventRequest));
        return message;
      },
      hasMessagesFor: (transactionId) => queue.hasMessagesFor(transactionId),
      size: (kind) => queue.size(kind),
    };
  }

  /** Runs a change, then tells the station which EVSEs gained or lost their authorization. */
  private afterChange(change: () => unknown): void {
    try {
      change();
    } finally {
      this.syncAuthorization();
    }
  }

  private syncAuthorization(): void {
    for (const evse of this.deps.layout.evses) {
      const authorized = this.transactions.isAuthorized(evse.id);
      if ((this.lastAuthorized.get(evse.id) ?? false) === authorized) continue;
      this.lastAuthorized.set(evse.id, authorized);
      this.notify('authorizationChanged', () => this.deps.callbacks().authorizationChanged?.(evse.id, authorized));
    }
  }

  /** Calls a station callback; a throw is logged, never allowed to break the session state. */
  private notify(name: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.logger.error({ err: error, callback: name }, 'Station callback threw');
    }
  }
}
