import type { MeterValueType, SampledValueType } from '../../messages/index.js';

/** A station-total import register reading: Energy.Active.Import.Register (the default measurand), no phase, not at the EV. */
function isImportRegister(sample: SampledValueType): boolean {
  const measurand = sample.measurand ?? 'Energy.Active.Import.Register';
  return measurand === 'Energy.Active.Import.Register' && sample.phase === undefined && sample.location !== 'EV';
}

/** A sampled value in Wh: unit Wh (default) or kWh, times 10^multiplier; undefined for another unit. */
function toWh(sample: SampledValueType): number | undefined {
  const unit = sample.unitOfMeasure?.unit ?? 'Wh';
  const scale = 10 ** (sample.unitOfMeasure?.multiplier ?? 0);
  if (unit === 'Wh') return sample.value * scale;
  if (unit === 'kWh') return sample.value * scale * 1000;
  return undefined;
}

/** The last Energy.Active.Import.Register reading in Wh among these meter values (E05 MaxEnergyOnInvalidId); undefined when none. */
export function importRegisterWh(meterValues: readonly MeterValueType[]): number | undefined {
  let found: number | undefined;
  for (const meterValue of meterValues) {
    for (const sample of meterValue.sampledValue) {
      const wh = isImportRegister(sample) ? toWh(sample) : undefined;
      if (wh !== undefined && Number.isFinite(wh)) found = wh;
    }
  }
  return found;
}
