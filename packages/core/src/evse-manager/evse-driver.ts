import type { ReasonEnumType } from '../messages/index.js';
import type { ChargeControllerEvent } from '../ports/charge-controller.port.js';
import type { ClockPort } from '../ports/clock.port.js';
import type { LockResult, LockState } from '../ports/connector-lock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { ConnectorOperativeStatus, EvseManagerChargePoint } from './charge-point-surface.js';
import { ControllerOutputs } from './controller-outputs.js';
import { energyHold, mayAllowEnergy } from './energy-decision.js';
import { EvseFacts } from './evse-facts.js';
import type { EvseHardware } from './evse-manager-deps.js';
import { EvseReporter } from './evse-reporter.js';
import { lockAction } from './lock-decision.js';
import { MeterPoller } from './meter-poller.js';
import { presentToken } from './token-presenter.js';
import { UnlockRequests } from './unlock-requests.js';

/** Passes of one reconcile run before it gives up until the retry timer (a real plan settles in a handful). */
const MAX_PASSES = 50;

/** What an EvseDriver needs. */
export interface EvseDriverDeps {
  clock: ClockPort;
  logger: LoggerPort;
  hardware: EvseHardware;
  lockOnPlugIn: boolean;
  meterIntervalS: number;
  commandRetryMs: number;
  unlockWaitMs: number;
  /** The ChargePoint, once attached. */
  chargePoint: () => EvseManagerChargePoint | undefined;
}

/**
 * The charging-session logic of one EVSE (DESIGN 3.3, issue 5 §3). Controller, lock and ChargePoint events update
 * the facts synchronously and are reported at once; a single-flight loop then brings the hardware in line, one awaited
 * command at a time: energy withdrawn first, availability, the lock (before energy, G05; unlock only with the
 * contactor open, F05), then energy allowed and the current offered.
 */
export class EvseDriver {
  readonly evseId: number;
  readonly connectorId: number;
  private readonly logger: LoggerPort;
  private readonly facts: EvseFacts;
  private readonly reporter: EvseReporter;
  private readonly unlocks: UnlockRequests;
  private readonly outputs: ControllerOutputs;
  private readonly poller: MeterPoller | undefined;
  private started = false;
  private running = false;
  private again = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly deps: EvseDriverDeps) {
    const { hardware, clock } = deps;
    this.evseId = hardware.evseId;
    this.connectorId = hardware.connectorId ?? 1;
    const logger = deps.logger.child({ evseId: this.evseId, connectorId: this.connectorId });
    this.logger = logger;
    this.facts = new EvseFacts(hardware);
    this.reporter = new EvseReporter({ logger, evseId: this.evseId, connectorId: this.connectorId, chargePoint: deps.chargePoint });
    this.unlocks = new UnlockRequests({ clock, waitMs: deps.unlockWaitMs, onTimeout: () => logger.warn({}, 'UnlockConnector: the contactor did not open in time') });
    this.outputs = new ControllerOutputs({ clock, logger, controller: hardware.controller, facts: this.facts, retryMs: deps.commandRetryMs, onRetry: () => this.sync() });
    const { meter } = hardware;
    this.poller = meter && new MeterPoller({ clock, logger, meter, intervalS: deps.meterIntervalS, onMeterValue: (mv) => this.reporter.meterValue(mv) });
  }

  /** Takes a meter reading now (the final register before a transaction ends); resolves once it was reported. */
  refreshMeterValue(): Promise<void> {
    return this.poller?.poll() ?? Promise.resolve();
  }

  /** Subscribes to the hardware, starts it, reads where the session stands and brings the outputs in line. */
  async start(): Promise<void> {
    const { controller, lock, tokenReader } = this.deps.hardware;
    const chargePoint = this.deps.chargePoint();
    // Events during start-up are not lost: the first sync() below reads the controller's whole status.
    this.unsubscribe.push(controller.onEvent((event) => this.onControllerEvent(event)));
    if (lock !== undefined) this.unsubscribe.push(lock.onUnexpectedChange((state) => this.onLockMoved(state)));
    if (tokenReader !== undefined && chargePoint !== undefined) {
      this.unsubscribe.push(tokenReader.onToken((token) => void presentToken(chargePoint, this.logger, token, this.evseId)));
    }
    this.outputs.active = true;
    await this.outputs.start();
    if (lock !== undefined) {
      try {
        await lock.start();
        this.facts.lockPhase = lock.state();
      } catch (error) {
        this.facts.lockPhase = 'failed';
        this.logger.error({ err: error }, 'Connector lock did not start: no charging on this connector');
        this.reporter.lockFailure(`lock hardware did not start: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await tokenReader?.start().catch((error: unknown) => this.logger.error({ err: error }, 'Token reader did not start'));
    this.facts.authorized = chargePoint?.isAuthorized(this.evseId) ?? false;
    this.started = true;
    this.poller?.start();
    this.sync();
  }

  /** Withdraws energy, stops the loop and releases the hardware; pending UnlockConnector requests answer UnlockFailed. */
  async stop(): Promise<void> {
    this.started = false;
    this.outputs.active = false;
    this.outputs.cancelRetry();
    for (const off of this.unsubscribe.splice(0)) off();
    this.unlocks.settleAll('UnlockFailed');
    this.poller?.stop();
    const { controller, lock, tokenReader } = this.deps.hardware;
    const quietly = (what: string, run: () => Promise<unknown>): Promise<unknown> =>
      run().catch((error: unknown) => this.logger.warn({ err: error }, `${what} failed while stopping`));
    await quietly('setCurrentLimit(0)', () => controller.setCurrentLimit(0));
    await quietly('allowEnergy(false)', () => controller.allowEnergy(false));
    await Promise.all([
      quietly('controller.stop', () => controller.stop()),
      ...(lock === undefined ? [] : [quietly('lock.stop', () => lock.stop())]),
      ...(tokenReader === undefined ? [] : [quietly('tokenReader.stop', () => tokenReader.stop())]),
    ]);
  }

  /** C01/F01/F02: the ChargePoint authorized the EVSE or took the authorization away. */
  authorizationChanged(authorized: boolean): void {
    if (authorized && (!this.facts.authorized || this.facts.stopped)) this.facts.newAuthorization();
    this.facts.authorized = authorized;
    this.sync();
  }

  /** E06/E07/F03/E05: energy stops now; the connector unlocks once the contactor is open (after an EV-side unplug E10 decides). */
  stopTransaction(reason: ReasonEnumType): void {
    this.logger.info({ reason }, 'Transaction stop: withdrawing energy');
    this.facts.stopped = true;
    if (reason !== 'EVDisconnected') this.facts.requestRelease();
    this.sync();
  }

  /** E05: energy pauses until a new authorization. */
  pauseCharging(): void {
    this.facts.paused = true;
    this.sync();
  }

  /** G03/G04: Inoperative holds the controller unavailable (pilot F); Operative releases it. */
  operativeStatusChanged(status: ConnectorOperativeStatus): void {
    this.facts.operative = status === 'Operative';
    this.sync();
  }

  /** The seam for smart charging: the composite schedule's limit in A per phase (undefined = none). */
  setLimit(amps: number | undefined): void {
    this.facts.externalLimitA = amps;
    this.sync();
  }

  /** F05: refused while energy is allowed; otherwise waits (bounded) for the contactor to open, then drives the lock. */
  unlockConnector(): Promise<'Unlocked' | 'UnlockFailed'> {
    const { lock, controller } = this.deps.hardware;
    // Nothing holds a tethered plug; a controller that drives its own lock cannot be commanded from here.
    if (lock === undefined) return Promise.resolve(controller.capabilities().hasLock ? 'UnlockFailed' : 'Unlocked');
    if (!this.started) return Promise.resolve('UnlockFailed');
    if (mayAllowEnergy(this.facts.energyFacts(controller.status(), controller.capabilities(), this.unlocks.pending()))) {
      this.logger.info({}, 'UnlockConnector refused: charging is authorized');
      return Promise.resolve('UnlockFailed');
    }
    // Remembered, like EVerest's forced unlock: should the contactor open only after the answer, the lock still opens.
    this.facts.requestRelease();
    const answer = this.unlocks.add();
    this.sync();
    return answer;
  }

  private onControllerEvent(event: ChargeControllerEvent): void {
    if (event.kind === 'fault') this.logger.info({ fault: event.fault, active: event.active, detail: event.detail }, 'Controller fault changed');
    if (event.kind === 'link') this.logger.info({ up: event.up }, 'Controller link changed');
    this.sync();
  }

  /** G05 / hardware.md 6.3: the lock opened with no command: energy is withdrawn and the lock is not trusted again this session. */
  private onLockMoved(state: LockState): void {
    if (state !== 'locked' && this.facts.lockPhase === 'locked') {
      this.facts.lockPhase = 'failed';
      this.logger.error({ state }, 'Connector lock opened without a command: withdrawing energy');
      this.reporter.lockFailure('connector lock opened without a command');
    } else if (this.facts.lockPhase !== 'failed') {
      this.facts.lockPhase = state;
    }
    this.sync();
  }

  /** Reports plug and fault changes at once and wakes the loop (which reports the charging state once settled). */
  private sync(): void {
    if (!this.started) return;
    this.reportSession();
    void this.reconcile();
  }

  private reportSession(): void {
    const { controller, lock } = this.deps.hardware;
    const status = controller.status();
    // E (pilot error) and F (held unavailable by us) say nothing about the plug: keep what was known.
    const plugged = status.cp === 'A' ? false : status.cp === 'E' || status.cp === 'F' ? this.facts.connected : true;
    if (plugged && !this.facts.connected) {
      this.facts.sessionStarted(lock?.state());
      this.reporter.sessionStarted();
    } else if (!plugged && this.facts.connected) {
      this.reporter.sessionFinished(this.facts.sessionFinished(status.cableRatingA));
    }
    this.reporter.faulted(this.facts.faulted(status), status.activeFaults);
  }

  private reportChargingState(): void {
    const { controller } = this.deps.hardware;
    const status = controller.status();
    const applied = this.outputs.current();
    this.reporter.chargingState({
      connected: this.facts.connected,
      authorized: this.facts.authorized,
      cp: status.cp,
      relayClosed: status.relayClosed,
      heldByStation: energyHold(this.facts.energyFacts(status, controller.capabilities(), this.unlocks.pending())) !== undefined,
      energyOffered: applied.energy === true && (applied.limitA ?? 0) > 0,
    });
  }

  private async reconcile(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      // Callbacks the ChargePoint makes together (stopTransaction, then authorizationChanged) form one plan.
      await Promise.resolve();
      let passes = 0;
      do {
        if (++passes > MAX_PASSES) {
          // A plan that never settles must not starve the event loop; look again later on the clock.
          this.logger.error({ passes }, 'evse-manager plan did not settle: retrying later');
          this.outputs.retryLater();
          break;
        }
        this.again = false;
        const failing = this.facts.controllerError !== undefined;
        await this.step();
        // A controller that answers again changes the plan (it was a fault): look once more.
        if (failing && this.facts.controllerError === undefined) this.again = true;
        if (this.started) {
          this.reportSession();
          // Only a settled plan is a state of the EVSE: a pass in between (a controller that just answered again and
          // is about to be offered energy) would tell the CSMS a transient EVConnected.
          if (!this.again) this.reportChargingState();
        }
      } while (this.again && this.started);
    } catch (error) {
      this.logger.error({ err: error }, 'evse-manager pass failed');
    } finally {
      this.running = false;
    }
  }

  /** One pass of bringing the hardware in line; sets `again` when it changed something the next pass depends on. */
  private async step(): Promise<void> {
    const { controller, lock } = this.deps.hardware;
    const status = controller.status();
    const facts = this.facts.energyFacts(status, controller.capabilities(), this.unlocks.pending());
    const energy = mayAllowEnergy(facts);
    if (!energy && !(await this.outputs.withdraw())) return;
    if (!(await this.outputs.setAvailable(this.facts.operative))) return;
    if (lock !== undefined) {
      const action = lockAction(this.facts.lockFacts(status, this.unlocks.pending(), this.deps.lockOnPlugIn));
      if (action === 'lock' || action === 'unlock') {
        await this.driveLock(action === 'lock' ? () => lock.lock() : () => lock.unlock(), action);
        this.again = true;
        return;
      }
    }
    if (!energy) return;
    if (lock !== undefined && lock.state() !== 'locked') {
      // Checked again just before the contactor may close (hardware.md 6.1).
      this.onLockMoved(lock.state());
      return;
    }
    await this.outputs.offer(facts.limitA);
  }

  private async driveLock(move: () => Promise<LockResult>, target: 'lock' | 'unlock'): Promise<void> {
    const answers = target === 'unlock' ? this.unlocks.take() : [];
    if (target === 'unlock') this.facts.releaseAttempted();
    let result: LockResult;
    try {
      result = await move();
    } catch (error) {
      // The port promises never to reject; an adapter that does anyway is a hardware failure.
      result = { ok: false, state: 'unknown', reason: 'Hardware', detail: error instanceof Error ? error.message : String(error) };
    }
    for (const answer of answers) answer(result.ok ? 'Unlocked' : 'UnlockFailed');
    if (result.ok) {
      this.facts.lockPhase = result.state;
      return;
    }
    this.logger.error({ target, reason: result.reason, detail: result.detail }, `Connector did not ${target}`);
    if (target === 'unlock') {
      this.facts.lockPhase = result.state === 'locked' ? 'locked' : 'unknown';
      return;
    }
    // G05.FR.01/02: no charging; the ChargePoint reports ConnectorPlugRetentionLock Problem.
    this.facts.lockPhase = 'failed';
    this.reporter.lockFailure(`${result.reason}${result.detail === undefined ? '' : `: ${result.detail}`}`);
  }
}
