import { describe, expect, it } from 'vitest';
import type { MeterValueType } from '../../messages/index.js';
import { acReading, at, signedReading, summary, transactionEventErrors } from './meter-values.test-kit.js';
import { selectMeasurands, selectMeterValues } from './select-measurands.js';

describe('selectMeasurands', () => {
  const reading = acReading(at(0), 1200, 7000);

  it('J02 keeps only the configured measurands and stamps each sampled value with the context', () => {
    const selected = selectMeasurands(reading, ['Power.Active.Import', 'Voltage'], 'Sample.Periodic');
    expect(summary(selected === undefined ? [] : [selected])).toEqual([
      'Power.Active.Import@Sample.Periodic=7000',
      'Voltage/L1-N@Sample.Periodic=230',
      'Voltage/L2-N@Sample.Periodic=230',
      'Voltage/L3-N@Sample.Periodic=230',
    ]);
    expect(selected?.timestamp).toBe(reading.timestamp);
    expect(transactionEventErrors(selected === undefined ? [] : [selected])).toBeUndefined();
  });

  it('treats a sampled value without measurand as Energy.Active.Import.Register (schema default)', () => {
    const bare: MeterValueType = { timestamp: at(0), sampledValue: [{ value: 5 }] };
    expect(selectMeasurands(bare, ['Energy.Active.Import.Register'], 'Transaction.Begin')?.sampledValue).toEqual([{ value: 5, context: 'Transaction.Begin' }]);
    expect(selectMeasurands(bare, ['Voltage'], 'Transaction.Begin')).toBeUndefined();
  });

  it('TC_J_11 (unit): keeps signedMeterValue exactly as the meter gave it', () => {
    const signed = signedReading(at(0), 42);
    const selected = selectMeasurands(signed, ['Energy.Active.Import.Register'], 'Transaction.End');
    expect(selected?.sampledValue[0]?.signedMeterValue).toEqual(signed.sampledValue[0]?.signedMeterValue);
    expect(transactionEventErrors(selected === undefined ? [] : [selected], 'Ended')).toBeUndefined();
  });

  it('returns undefined when nothing is left, since a MeterValue needs at least one sampledValue', () => {
    expect(selectMeasurands(reading, ['SoC'], 'Sample.Clock')).toBeUndefined();
    expect(selectMeasurands(reading, [], 'Sample.Clock')).toBeUndefined();
    expect(selectMeasurands(reading, undefined, 'Sample.Clock')).toBeUndefined();
  });

  it('RegisterValuesWithoutPhases drops per-phase register values only', () => {
    const selected = selectMeasurands(reading, ['Energy.Active.Import.Register', 'Current.Import'], 'Sample.Periodic', { registerValuesWithoutPhases: true });
    expect(summary(selected === undefined ? [] : [selected])).toEqual([
      'Energy.Active.Import.Register@Sample.Periodic=1200',
      'Current.Import/L1@Sample.Periodic=16',
      'Current.Import/L2@Sample.Periodic=16',
      'Current.Import/L3@Sample.Periodic=16',
    ]);
  });

  it('ignores blanks around list members and leaves its input unchanged', () => {
    const before = structuredClone(reading);
    expect(selectMeasurands(reading, [' SoC', ' Power.Active.Import '], 'Trigger')?.sampledValue).toHaveLength(1);
    expect(reading).toEqual(before);
  });

  it('selectMeterValues leaves out the meter values that end up empty', () => {
    const voltageOnly: MeterValueType = { timestamp: at(1000), sampledValue: [{ measurand: 'Voltage', value: 231 }] };
    expect(selectMeterValues([voltageOnly, reading], ['Power.Active.Import'], 'Sample.Clock').map((mv) => mv.timestamp)).toEqual([reading.timestamp]);
  });
});
