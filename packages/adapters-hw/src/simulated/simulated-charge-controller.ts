import type {
  CableRatingA,
  ChargeControllerCapabilities,
  ChargeControllerEvent,
  ChargeControllerFault,
  ChargeControllerPort,
  ChargeControllerStatus,
  CpState,
  LoggerPort,
} from '@evstation/core';
import { ControllerStatusTracker } from '../controller/controller-status-tracker.js';
import { ampsToDutyPercent } from '../iec61851/pilot-duty.js';
import { ControllerCommandError } from '../controller/controller-command-error.js';
import type { SimulatedEv } from './simulated-ev.js';

/** What a SimulatedChargeController needs. */
export interface SimulatedChargeControllerDeps {
  logger: LoggerPort;
  ev: SimulatedEv;
  capabilities?: Partial<ChargeControllerCapabilities>;
  /** PP rating of the simulated cable while plugged; null for a tethered cable. */
  cableRatingA?: CableRatingA | null;
}

/** Faults after which the controller must not offer PWM or close the contactor. */
const BLOCKING: readonly ChargeControllerFault[] = ['DiodeFault', 'RcdTripped', 'RcdSelfTestFailed', 'GroundFault', 'RelayWelded', 'RelayNotClosing', 'OverTemperature', 'OverCurrent', 'PilotFault', 'LinkLost'];

/**
 * A simulated IEC 61851 controller around a SimulatedEv (DESIGN 6): pilot A-F from plug, EV request, availability
 * and PWM; the contactor closes in C only with permission; faults are injected by the test or the simulator.
 */
export class SimulatedChargeController implements ChargeControllerPort {
  private readonly tracker = new ControllerStatusTracker();
  private readonly caps: ChargeControllerCapabilities;
  private started = false;
  private available = true;
  private paused = false;
  private energyAllowed = false;
  private limitA: number;
  private readonly faults = new Set<ChargeControllerFault>();
  private deliveredW = 0;
  private cableLeftInSocket = false;
  private readonly powerListeners = new Set<() => void>();
  private unsubscribeEv: (() => void) | undefined;

  constructor(private readonly deps: SimulatedChargeControllerDeps) {
    this.caps = { minCurrentA: 6, maxCurrentA: 32, phases: 3, hasLock: false, ...deps.capabilities };
    this.limitA = this.caps.maxCurrentA;
  }

  start(): Promise<void> {
    this.started = true;
    this.unsubscribeEv ??= this.deps.ev.onChange(() => this.recompute());
    this.recompute();
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.unsubscribeEv?.();
    this.unsubscribeEv = undefined;
    this.setDelivered(0);
    this.started = false;
    this.tracker.update({ linkUp: false });
    return Promise.resolve();
  }

  capabilities(): ChargeControllerCapabilities {
    return { ...this.caps };
  }

  status(): ChargeControllerStatus {
    return this.tracker.status();
  }

  onEvent(listener: (event: ChargeControllerEvent) => void): () => void {
    return this.tracker.onEvent(listener);
  }

  setAvailable(available: boolean): Promise<void> {
    return this.command(() => {
      this.available = available;
    });
  }

  async setCurrentLimit(amps: number): Promise<number> {
    let applied = 0;
    await this.command(() => {
      this.paused = amps <= 0;
      if (amps > 0) this.limitA = Math.min(this.caps.maxCurrentA, Math.max(this.caps.minCurrentA, amps));
      applied = this.paused ? 0 : this.limitA;
    });
    return applied;
  }

  allowEnergy(allow: boolean): Promise<void> {
    return this.command(() => {
      this.energyAllowed = allow;
    });
  }

  /** Simulator side: raises or clears a fault (RCD trip, welded relay, over-temperature, link lost...). */
  injectFault(fault: ChargeControllerFault, active: boolean): void {
    if (active) this.faults.add(fault);
    else this.faults.delete(fault);
    this.recompute();
  }

  /**
   * Simulator side (E09/E10): the cable was pulled out of the EV but stays in the station's socket, so its PP rating
   * still reads with the pilot back in A; false when it is taken out of the socket too.
   */
  leaveCableInSocket(left: boolean): void {
    this.cableLeftInSocket = left;
    this.recompute();
  }

  /** Power flowing to the EV now, W (what a meter on this EVSE measures). */
  powerW(): number {
    return this.deliveredW;
  }

  /** Subscribes to changes of powerW(); returns the unsubscribe function. */
  onPowerChange(listener: () => void): () => void {
    this.powerListeners.add(listener);
    return () => this.powerListeners.delete(listener);
  }

  private command(change: () => void): Promise<void> {
    if (!this.started) return Promise.reject(new ControllerCommandError('not-started', 'SimulatedChargeController.start() has not been called'));
    if (this.faults.has('LinkLost')) return Promise.reject(new ControllerCommandError('link-down', 'the simulated controller link is down'));
    change();
    this.recompute();
    return Promise.resolve();
  }

  private recompute(): void {
    if (!this.started) return;
    const { ev } = this.deps;
    const blocked = BLOCKING.some((fault) => this.faults.has(fault));
    const pwmOn = this.available && !this.paused && !blocked;
    let cp: CpState = 'A';
    if (!this.available) cp = 'F';
    else if (this.faults.has('PilotFault') || this.faults.has('DiodeFault')) cp = 'E';
    else if (ev.isPlugged()) cp = pwmOn && ev.wantsEnergy() ? 'C' : 'B';
    const wanted = cp === 'C' && this.energyAllowed && pwmOn;
    // A welded contact cannot open: once closed it stays closed whatever is asked.
    const relayClosed = wanted || (this.faults.has('RelayWelded') && this.tracker.status().relayClosed);
    const offeredCurrentA = pwmOn ? this.limitA : 0;
    this.tracker.update({
      cp,
      relayClosed,
      offeredCurrentA,
      pwmDutyPercent: pwmOn ? ampsToDutyPercent(this.limitA) : null,
      energyAllowed: this.energyAllowed,
      available: this.available,
      cableRatingA: ev.isPlugged() || this.cableLeftInSocket ? (this.deps.cableRatingA ?? null) : null,
      activeFaults: [...this.faults],
      linkUp: !this.faults.has('LinkLost'),
    });
    this.setDelivered(relayClosed ? ev.demandW(offeredCurrentA) : 0);
  }

  private setDelivered(powerW: number): void {
    if (powerW === this.deliveredW) return;
    this.deliveredW = powerW;
    this.deps.ev.deliver(powerW);
    for (const listener of this.powerListeners) listener();
  }
}
