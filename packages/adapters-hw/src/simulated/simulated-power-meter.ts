import type { ClockPort, MeterReading, PowerMeterError, PowerMeterErrorKind, PowerMeterPort, PowerMeterReadResult } from '@evstation/core';
import { EnergyGuard } from '../meter/energy-guard.js';

/** Where the simulated meter's power comes from (the SimulatedChargeController). */
export interface SimulatedPowerSource {
  powerW(): number;
  onPowerChange(listener: () => void): () => void;
}

/** What a SimulatedPowerMeter needs. */
export interface SimulatedPowerMeterDeps {
  clock: ClockPort;
  source: SimulatedPowerSource;
  meterId?: string;
  phases?: 1 | 3;
  voltageV?: number;
  initialImportWh?: number;
}

/**
 * A simulated energy meter: energy is the source's power integrated over the ClockPort (exact, since simulated power
 * is piecewise constant and every change is signalled). Scriptable: set the counters, corrupt one read, fail reads.
 */
export class SimulatedPowerMeter implements PowerMeterPort {
  readonly meterId: string;
  private importWh: number;
  private exportWh = 0;
  private lastPowerW: number;
  private sinceMs: number;
  private corruptNext = false;
  private failure: PowerMeterErrorKind | undefined;
  private readonly guard = new EnergyGuard();

  constructor(private readonly deps: SimulatedPowerMeterDeps) {
    this.meterId = deps.meterId ?? 'simulated-meter';
    this.importWh = deps.initialImportWh ?? 0;
    this.lastPowerW = deps.source.powerW();
    this.sinceMs = deps.clock.monotonicMs();
    deps.source.onPowerChange(() => {
      this.integrate();
      this.lastPowerW = deps.source.powerW();
    });
  }

  read(): Promise<PowerMeterReadResult> {
    this.integrate();
    if (this.failure !== undefined) return Promise.resolve(this.fail({ kind: this.failure, message: `simulated ${this.failure}` }));
    const phases = this.deps.phases ?? 3;
    const voltageV = this.deps.voltageV ?? 230;
    const perPhaseW = this.lastPowerW / phases;
    const split = (value: number): { total?: number; l1: number; l2?: number; l3?: number } =>
      phases === 1 ? { l1: value } : { l1: value, l2: value, l3: value };
    const reading: MeterReading = {
      at: this.deps.clock.now(),
      energyImportWh: this.corruptNext ? Number.NaN : this.importWh,
      energyExportWh: this.exportWh,
      powerW: { ...split(perPhaseW), total: this.lastPowerW },
      currentA: split(perPhaseW / voltageV),
      voltageV: split(voltageV),
      frequencyHz: 50,
    };
    this.corruptNext = false;
    const rejected = this.guard.admit({ energyImportWh: reading.energyImportWh, energyExportWh: reading.energyExportWh });
    return Promise.resolve(rejected === undefined ? { ok: true, reading } : this.fail(rejected));
  }

  /** Energy counted so far, Wh. */
  energyImportWh(): number {
    this.integrate();
    return this.importWh;
  }

  /** Simulator side: sets the counters (a replaced or tampered meter); lower values are then rejected on read. */
  setEnergyWh(importWh: number, exportWh = this.exportWh): void {
    this.integrate();
    this.importWh = importWh;
    this.exportWh = exportWh;
  }

  /** Simulator side: the next read decodes the import counter as NaN. */
  corruptNextEnergy(): void {
    this.corruptNext = true;
  }

  /** Simulator side: every read fails with this kind until cleared with undefined. */
  failReads(kind: PowerMeterErrorKind | undefined): void {
    this.failure = kind;
  }

  private integrate(): void {
    const now = this.deps.clock.monotonicMs();
    this.importWh += (this.lastPowerW * (now - this.sinceMs)) / 3_600_000;
    this.sinceMs = now;
  }

  private fail(error: PowerMeterError): PowerMeterReadResult {
    return { ok: false, error };
  }
}
