import type { ClockPort, LoggerPort, MeterReading, PhaseValues, PowerMeterError, PowerMeterPort, PowerMeterReadResult } from '@evstation/core';
import { EnergyGuard } from '../meter/energy-guard.js';
import type { ModbusRegisterReader } from './modbus-bus.js';
import { classifyModbusError } from './modbus-request-error.js';
import { planReads, type ReadBlock } from './read-plan.js';
import { decodeRegister } from './register-decoder.js';
import type { MeterModel, MeterQuantity } from './register-spec.js';

/** What a ModbusPowerMeter needs. */
export interface ModbusPowerMeterDeps {
  clock: ClockPort;
  logger: LoggerPort;
  /** The bus the meter hangs on (shared with the other meters on the same line). */
  bus: ModbusRegisterReader;
  unitId: number;
  model: MeterModel;
  /** Defaults to `<model id>@<unit id>`. */
  meterId?: string;
}

type PhaseField = 'powerW' | 'currentA' | 'voltageV';

function phaseValues(values: ReadonlyMap<MeterQuantity, number>, field: PhaseField): PhaseValues | undefined {
  const out: PhaseValues = {};
  for (const phase of ['total', 'l1', 'l2', 'l3'] as const) {
    const value = values.get(`${field}.${phase}` as MeterQuantity);
    // A NaN here is a quantity the meter does not provide (e.g. ABB on a single-phase install): leave it out.
    if (value !== undefined && Number.isFinite(value)) out[phase] = value;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * A Modbus energy meter (PowerMeterPort) driven by a register map (Eastron SDM, ABB B2x, Carlo Gavazzi EM24/EM340):
 * reads the model's blocks through the shared bus, decodes them, and rejects energy that is NaN or goes backwards.
 */
export class ModbusPowerMeter implements PowerMeterPort {
  readonly meterId: string;
  private readonly plan: ReadBlock[];
  private readonly guard = new EnergyGuard();
  private readonly logger: LoggerPort;

  constructor(private readonly deps: ModbusPowerMeterDeps) {
    this.meterId = deps.meterId ?? `${deps.model.id}@${deps.unitId}`;
    this.plan = planReads(deps.model);
    this.logger = deps.logger.child({ meterId: this.meterId });
  }

  /** The reads one reading takes (for diagnostics and benchmarks). */
  readBlocks(): readonly ReadBlock[] {
    return this.plan;
  }

  async read(): Promise<PowerMeterReadResult> {
    const values = new Map<MeterQuantity, number>();
    for (const block of this.plan) {
      let bytes: Uint8Array;
      try {
        bytes = await this.deps.bus.read({ unitId: this.deps.unitId, fc: block.fc, address: block.address, count: block.count });
      } catch (error) {
        const classified = classifyModbusError(error);
        const failure: PowerMeterError = { kind: classified.kind, message: classified.message };
        if (classified.exceptionCode !== undefined) failure.exceptionCode = classified.exceptionCode;
        return this.fail(failure);
      }
      if (bytes.length < block.count * 2) {
        return this.fail({ kind: 'bad-frame', message: `expected ${block.count} registers at ${block.address}, got ${bytes.length / 2}` });
      }
      for (const field of block.fields) values.set(field.quantity, decodeRegister(bytes, field.byteOffset, field.spec));
    }
    const reading = this.assemble(values);
    const rejected = this.guard.admit({
      energyImportWh: reading.energyImportWh,
      energyExportWh: reading.energyExportWh,
      ...Object.fromEntries(Object.entries(reading.energyImportPerPhaseWh ?? {}).map(([phase, wh]) => [`energyImportWh.${phase}`, wh])),
    });
    return rejected === undefined ? { ok: true, reading } : this.fail(rejected);
  }

  private assemble(values: ReadonlyMap<MeterQuantity, number>): MeterReading {
    const reading: MeterReading = { at: this.deps.clock.now(), energyImportWh: values.get('energyImportWh') ?? Number.NaN };
    const exported = values.get('energyExportWh');
    if (exported !== undefined) reading.energyExportWh = exported;
    // Per-phase energy is billing data too: keep NaN so the guard rejects it instead of silently dropping a phase.
    const perPhase: PhaseValues = {};
    for (const phase of ['l1', 'l2', 'l3'] as const) {
      const value = values.get(`energyImportPerPhaseWh.${phase}`);
      if (value !== undefined) perPhase[phase] = value;
    }
    if (Object.keys(perPhase).length > 0) reading.energyImportPerPhaseWh = perPhase;
    for (const field of ['powerW', 'currentA', 'voltageV'] as const) {
      const phases = phaseValues(values, field);
      if (phases !== undefined) reading[field] = phases;
    }
    const frequency = values.get('frequencyHz');
    if (frequency !== undefined && Number.isFinite(frequency)) reading.frequencyHz = frequency;
    return reading;
  }

  private fail(error: PowerMeterError): PowerMeterReadResult {
    const level = error.kind === 'decode' || error.kind === 'energy-backwards' ? 'error' : 'warn';
    this.logger[level]({ kind: error.kind, exceptionCode: error.exceptionCode }, `Meter reading rejected: ${error.message}`);
    return { ok: false, error };
  }
}
