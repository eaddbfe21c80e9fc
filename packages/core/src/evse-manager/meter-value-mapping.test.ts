import { describe, expect, it } from 'vitest';
import { getValidator, type MeterValueType, type SampledValueType } from '../messages/index.js';
import type { MeterReading } from '../ports/power-meter.port.js';
import { meterValueOf } from './meter-value-mapping.js';

const at = new Date('2026-03-01T12:00:00.000Z');

/** One line per sampled value: measurand[/phase]=value unit. */
function lines(meterValue: MeterValueType | undefined): string[] {
  return (meterValue?.sampledValue ?? []).map(
    (sv: SampledValueType) => `${sv.measurand ?? '?'}${sv.phase === undefined ? '' : `/${sv.phase}`}=${sv.value} ${sv.unitOfMeasure?.unit ?? '?'}`,
  );
}

/** The MeterValues request schema accepts it (DESIGN rule 7: a bad frame of ours is a bug). */
function schemaErrors(meterValue: MeterValueType | undefined): unknown {
  return getValidator('MeterValues', 'request')({ evseId: 1, meterValue: meterValue === undefined ? [] : [meterValue] });
}

describe('meterValueOf (J01/J02 measurands from a meter reading)', () => {
  it('maps a three-phase reading to Energy/Power/Current/Voltage/Frequency with the 2.0.1 measurands, phases and units', () => {
    const reading: MeterReading = {
      at,
      energyImportWh: 1234567.5,
      energyExportWh: 12.5,
      powerW: { total: 11040, l1: 3680, l2: 3680, l3: 3680 },
      currentA: { total: 48, l1: 16, l2: 16, l3: 16 },
      voltageV: { l1: 230, l2: 231, l3: 229 },
      frequencyHz: 50.01,
    };
    const meterValue = meterValueOf(reading);
    expect(meterValue?.timestamp).toBe('2026-03-01T12:00:00.000Z');
    expect(lines(meterValue)).toEqual([
      'Energy.Active.Import.Register=1234567.5 Wh',
      'Energy.Active.Export.Register=12.5 Wh',
      'Power.Active.Import=11040 W',
      'Power.Active.Import/L1=3680 W',
      'Power.Active.Import/L2=3680 W',
      'Power.Active.Import/L3=3680 W',
      'Current.Import/L1=16 A',
      'Current.Import/L2=16 A',
      'Current.Import/L3=16 A',
      'Voltage/L1-N=230 V',
      'Voltage/L2-N=231 V',
      'Voltage/L3-N=229 V',
      'Frequency=50.01 Hz',
    ]);
    expect(schemaErrors(meterValue)).toBeUndefined();
  });

  it('reports the import register first and without a phase, so it reads as the station total (E05/J02 register rules)', () => {
    const meterValue = meterValueOf({ at, energyImportWh: 10, energyImportPerPhaseWh: { l1: 4, l2: 3, l3: 3 } });
    expect(lines(meterValue)).toEqual([
      'Energy.Active.Import.Register=10 Wh',
      'Energy.Active.Import.Register/L1=4 Wh',
      'Energy.Active.Import.Register/L2=3 Wh',
      'Energy.Active.Import.Register/L3=3 Wh',
    ]);
    expect(schemaErrors(meterValue)).toBeUndefined();
  });

  it('reports negative (exported) power and current as Power.Active.Export / Current.Export magnitudes', () => {
    const meterValue = meterValueOf({ at, energyImportWh: 10, powerW: { total: -120.5, l1: -120.5 }, currentA: { l1: -0.5 } });
    expect(lines(meterValue)).toEqual(['Energy.Active.Import.Register=10 Wh', 'Power.Active.Export=120.5 W', 'Power.Active.Export/L1=120.5 W', 'Current.Export/L1=0.5 A']);
  });

  it('a single-phase meter with totals only still reports current and voltage, without a phase', () => {
    expect(lines(meterValueOf({ at, energyImportWh: 1, currentA: { total: 10 }, voltageV: { total: 230 } }))).toEqual([
      'Energy.Active.Import.Register=1 Wh',
      'Current.Import=10 A',
      'Voltage=230 V',
    ]);
  });

  it('never reports a non-finite energy value, and leaves out non-finite other values', () => {
    expect(meterValueOf({ at, energyImportWh: Number.NaN })).toBeUndefined();
    expect(meterValueOf({ at, energyImportWh: Number.POSITIVE_INFINITY })).toBeUndefined();
    const meterValue = meterValueOf({ at, energyImportWh: 5, powerW: { total: Number.NaN, l1: 100 }, frequencyHz: Number.NaN });
    expect(lines(meterValue)).toEqual(['Energy.Active.Import.Register=5 Wh', 'Power.Active.Import/L1=100 W']);
    expect(schemaErrors(meterValue)).toBeUndefined();
  });
});
