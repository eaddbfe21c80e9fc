import type { ClockPort, TimerHandle } from '@evstation/core';

/** How the simulated EV behaves. */
export interface SimulatedEvOptions {
  batteryCapacityWh: number;
  socPercent: number;
  /** The EV stops asking for energy here (state C -> B). */
  targetSocPercent: number;
  /** Most current the on-board charger takes per phase. */
  maxCurrentA: number;
  phases: 1 | 3;
  voltageV: number;
}

/** A 60 kWh car at 50 %, three-phase 16 A on-board charger. */
export const DEFAULT_EV: SimulatedEvOptions = { batteryCapacityWh: 60_000, socPercent: 50, targetSocPercent: 100, maxCurrentA: 16, phases: 3, voltageV: 230 };

/**
 * A simulated electric vehicle: plugged or not, suspended or not, drawing min(offered, own maximum) per phase, with
 * its state of charge integrated over the ClockPort; it stops asking for energy at its target SoC.
 */
export class SimulatedEv {
  private options: SimulatedEvOptions;
  private plugged = false;
  private suspended = false;
  private soc: number;
  private powerW = 0;
  private sinceMs: number;
  private fullTimer: TimerHandle | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: { clock: ClockPort; options?: Partial<SimulatedEvOptions> }) {
    this.options = { ...DEFAULT_EV, ...deps.options };
    this.soc = this.options.socPercent;
    this.sinceMs = deps.clock.monotonicMs();
  }

  isPlugged(): boolean {
    return this.plugged;
  }

  isSuspended(): boolean {
    return this.suspended;
  }

  /** State of charge now, percent. */
  socPercent(): number {
    this.integrate();
    return this.soc;
  }

  /** Whether the EV asks for energy (pilot state C). */
  wantsEnergy(): boolean {
    return this.plugged && !this.suspended && this.socPercent() < this.options.targetSocPercent;
  }

  /** Power it would draw if offered `currentA` per phase with the contactor closed. */
  demandW(currentA: number): number {
    if (!this.wantsEnergy()) return 0;
    return Math.min(currentA, this.options.maxCurrentA) * this.options.voltageV * this.options.phases;
  }

  plugIn(): void {
    this.plugged = true;
    this.changed();
  }

  unplug(): void {
    this.plugged = false;
    this.changed();
  }

  /** The EV pauses (or resumes) charging by itself (EV-side suspend: back to state B). */
  setSuspended(suspended: boolean): void {
    this.suspended = suspended;
    this.changed();
  }

  /** Changes the EV's behaviour (e.g. another SoC or on-board charger). */
  configure(options: Partial<SimulatedEvOptions>): void {
    this.integrate();
    this.options = { ...this.options, ...options };
    if (options.socPercent !== undefined) this.soc = options.socPercent;
    this.changed();
  }

  /** The controller tells the EV what it now receives; SoC integrates it until the next change. */
  deliver(powerW: number): void {
    this.integrate();
    this.powerW = powerW;
    this.fullTimer?.cancel();
    this.fullTimer = undefined;
    if (powerW <= 0) return;
    const missingWh = ((this.options.targetSocPercent - this.soc) / 100) * this.options.batteryCapacityWh;
    this.fullTimer = this.deps.clock.setTimeout(() => this.changed(), Math.max(0, (missingWh / powerW) * 3_600_000));
  }

  /** Called when plug, suspend or SoC target changes what the EV asks for. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private integrate(): void {
    const now = this.deps.clock.monotonicMs();
    const wh = (this.powerW * (now - this.sinceMs)) / 3_600_000;
    this.soc = Math.min(100, this.soc + (wh / this.options.batteryCapacityWh) * 100);
    this.sinceMs = now;
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
