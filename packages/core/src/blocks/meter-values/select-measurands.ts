import type { MeasurandEnumType, MeterValueType, ReadingContextEnumType, SampledValueType } from '../../messages/index.js';

/** The measurand a sampled value without one stands for (SampledValueType schema default). */
export const DEFAULT_MEASURAND: MeasurandEnumType = 'Energy.Active.Import.Register';

/** How measurands are applied besides the list. */
export interface SelectOptions {
  /** SampledDataCtrlr.RegisterValuesWithoutPhases: drop the per-phase values of `*.Register` measurands (J02). */
  registerValuesWithoutPhases?: boolean;
}

/**
 * J01/J02/F06: keeps the sampled values whose measurand is in the configured MemberList (e.g.
 * SampledDataCtrlr.TxUpdatedMeasurands), stamps each with `context`, keeps signedMeterValue as it is; undefined
 * when nothing is left, since a MeterValue needs at least one sampledValue.
 */
export function selectMeasurands(
  meterValue: MeterValueType,
  measurands: readonly string[] | undefined,
  context: ReadingContextEnumType,
  options: SelectOptions = {},
): MeterValueType | undefined {
  const wanted = new Set((measurands ?? []).map((m) => m.trim()));
  const sampledValue = meterValue.sampledValue
    .filter((sv) => wanted.has(sv.measurand ?? DEFAULT_MEASURAND) && !(options.registerValuesWithoutPhases === true && isPhaseRegister(sv)))
    .map((sv): SampledValueType => ({ ...sv, context }));
  if (sampledValue.length === 0) return undefined;
  const selected: MeterValueType = { timestamp: meterValue.timestamp, sampledValue };
  if (meterValue.customData !== undefined) selected.customData = meterValue.customData;
  return selected;
}

/** selectMeasurands over several meter values, leaving out those that end up empty. */
export function selectMeterValues(
  meterValues: readonly MeterValueType[],
  measurands: readonly string[] | undefined,
  context: ReadingContextEnumType,
  options: SelectOptions = {},
): MeterValueType[] {
  return meterValues.flatMap((mv) => selectMeasurands(mv, measurands, context, options) ?? []);
}

function isPhaseRegister(sv: SampledValueType): boolean {
  return sv.phase !== undefined && (sv.measurand ?? DEFAULT_MEASURAND).endsWith('.Register');
}
