import type { MeasurandEnumType, MeterValueType, PhaseEnumType, SampledValueType } from '../messages/index.js';
import type { MeterReading, PhaseValues } from '../ports/power-meter.port.js';

type Phase = 'l1' | 'l2' | 'l3';
const PHASES: readonly Phase[] = ['l1', 'l2', 'l3'];
/** Per-phase quantities measured phase to neutral use L1-N (voltage); currents, powers and energies use L1. */
const LINE: Record<Phase, PhaseEnumType> = { l1: 'L1', l2: 'L2', l3: 'L3' };
const TO_NEUTRAL: Record<Phase, PhaseEnumType> = { l1: 'L1-N', l2: 'L2-N', l3: 'L3-N' };

function sample(measurand: MeasurandEnumType, value: number, unit: string, phase?: PhaseEnumType): SampledValueType {
  return phase === undefined ? { value, measurand, unitOfMeasure: { unit } } : { value, measurand, phase, unitOfMeasure: { unit } };
}

/** How one quantity of a reading becomes sampled values. */
interface QuantityMapping {
  measurand: MeasurandEnumType;
  /** The measurand of negative values (export, as meters sign it), reported with their magnitude; none: keep the sign. */
  negativeAs?: MeasurandEnumType;
  unit: string;
  phaseOf: Record<Phase, PhaseEnumType>;
  /** 'always': the total (no phase) and each phase; 'fallback': the phases, or the total when the meter has none; 'never': phases only. */
  total: 'always' | 'fallback' | 'never';
}

function quantity(values: PhaseValues | undefined, mapping: QuantityMapping): SampledValueType[] {
  if (values === undefined) return [];
  const one = (value: number | undefined, phase?: PhaseEnumType): SampledValueType[] => {
    if (value === undefined || !Number.isFinite(value)) return [];
    if (value < 0 && mapping.negativeAs !== undefined) return [sample(mapping.negativeAs, -value, mapping.unit, phase)];
    return [sample(mapping.measurand, value, mapping.unit, phase)];
  };
  const phased = PHASES.flatMap((p) => one(values[p], mapping.phaseOf[p]));
  if (mapping.total === 'never') return phased;
  if (mapping.total === 'fallback') return phased.length > 0 ? phased : one(values.total);
  return [...one(values.total), ...phased];
}

const POWER: QuantityMapping = { measurand: 'Power.Active.Import', negativeAs: 'Power.Active.Export', unit: 'W', phaseOf: LINE, total: 'always' };
const CURRENT: QuantityMapping = { measurand: 'Current.Import', negativeAs: 'Current.Export', unit: 'A', phaseOf: LINE, total: 'fallback' };
const VOLTAGE: QuantityMapping = { measurand: 'Voltage', unit: 'V', phaseOf: TO_NEUTRAL, total: 'fallback' };
const ENERGY_PER_PHASE: QuantityMapping = { measurand: 'Energy.Active.Import.Register', unit: 'Wh', phaseOf: LINE, total: 'never' };

/**
 * J01/J02: one meter reading as an OCPP MeterValueType, measurands and units as the 2.0.1 schemas and Part 2
 * "Standardized Units of Measure" name them: Energy.Active.Import.Register (Wh, total then per phase),
 * Energy.Active.Export.Register (Wh) where counted, Power.Active.Import/Export (W), Current.Import/Export per phase (A),
 * Voltage per phase to neutral (V), Frequency (Hz). No context: the meter-values block stamps it. Undefined when the
 * import register is not a finite number (never reported as energy).
 */
export function meterValueOf(reading: MeterReading): MeterValueType | undefined {
  if (!Number.isFinite(reading.energyImportWh)) return undefined;
  const sampledValue: SampledValueType[] = [
    sample('Energy.Active.Import.Register', reading.energyImportWh, 'Wh'),
    // The import total is the reading's own register (checked monotonic by the adapter); per-phase blocks add phases only.
    ...quantity(reading.energyImportPerPhaseWh, ENERGY_PER_PHASE),
  ];
  if (reading.energyExportWh !== undefined && Number.isFinite(reading.energyExportWh)) {
    sampledValue.push(sample('Energy.Active.Export.Register', reading.energyExportWh, 'Wh'));
  }
  sampledValue.push(...quantity(reading.powerW, POWER), ...quantity(reading.currentA, CURRENT), ...quantity(reading.voltageV, VOLTAGE));
  if (reading.frequencyHz !== undefined && Number.isFinite(reading.frequencyHz)) sampledValue.push(sample('Frequency', reading.frequencyHz, 'Hz'));
  return { timestamp: reading.at.toISOString(), sampledValue };
}
