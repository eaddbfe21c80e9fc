import { loadTestModel, testConfig } from '../../device-model/device-model-test-kit.js';
import { getValidator, type MeterValuesRequest, type MeterValueType, type SampledValueType, type SchemaError } from '../../messages/index.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { MeterValueStore } from './meter-value-store.js';

/** The FakeClock start of these tests: 12:00:00 UTC sharp (tests only). */
export const T0 = new Date('2026-03-01T12:00:00.000Z');

/** `ms` after T0 as ISO text (tests only). */
export function at(ms: number): string {
  return new Date(T0.getTime() + ms).toISOString();
}

/** A fake clock, a device model with `values` ("Component.Variable" → value) and an empty store (tests only). */
export function meteringSetup(values: Readonly<Record<string, string>> = {}, start: Date = T0) {
  const clock = new FakeClock(start);
  const config = testConfig({
    values: Object.entries(values).map(([path, value]) => {
      const [component = '', variable = ''] = path.split('.');
      return { component: { name: component }, variable: { name: variable }, value };
    }),
  });
  const { model, logger } = loadTestModel({ clock, config });
  const store = new MeterValueStore({ logger });
  return { clock, model, logger, store };
}

/** Sets one variable the way the CSMS does (SetVariables), so change listeners run (tests only). */
export function setVariable(model: ReturnType<typeof meteringSetup>['model'], path: string, value: string): void {
  const [component = '', variable = ''] = path.split('.');
  const [result] = model.setVariables([{ component: { name: component }, variable: { name: variable }, attributeValue: value }]);
  if (result?.attributeStatus !== 'Accepted') throw new Error(`SetVariables ${path}=${value}: ${result?.attributeStatus}`);
}

/** A three-phase AC reading: energy register (total and per phase), power, voltage and current per phase (tests only). */
export function acReading(timestamp: string, energyWh: number, powerW = 11_000): MeterValueType {
  const phases = ['L1', 'L2', 'L3'] as const;
  const sampledValue: SampledValueType[] = [
    { measurand: 'Energy.Active.Import.Register', value: energyWh, unitOfMeasure: { unit: 'Wh' } },
    ...phases.map((phase): SampledValueType => ({ measurand: 'Energy.Active.Import.Register', phase, value: energyWh / 3, unitOfMeasure: { unit: 'Wh' } })),
    { measurand: 'Power.Active.Import', value: powerW, unitOfMeasure: { unit: 'W' } },
    ...phases.map((phase): SampledValueType => ({ measurand: 'Voltage', phase: `${phase}-N`, value: 230, unitOfMeasure: { unit: 'V' } })),
    ...phases.map((phase): SampledValueType => ({ measurand: 'Current.Import', phase, value: 16, unitOfMeasure: { unit: 'A' } })),
  ];
  return { timestamp, sampledValue };
}

/** A signed energy register reading, as an Eichrecht meter gives it (tests only). */
export function signedReading(timestamp: string, energyWh: number): MeterValueType {
  return {
    timestamp,
    sampledValue: [
      {
        measurand: 'Energy.Active.Import.Register',
        value: energyWh,
        signedMeterValue: { signedMeterData: 'T0NNRnx7fQ==', signingMethod: 'ECDSA-secp256r1-SHA256', encodingMethod: 'OCMF', publicKey: 'MFkwEwYHKoZIzj0CAQ==' },
      },
    ],
  };
}

/** Schema errors of a MeterValues request (DESIGN rule 7), undefined when valid (tests only). */
export function meterValuesErrors(request: MeterValuesRequest): SchemaError[] | undefined {
  return getValidator('MeterValues', 'request')(request);
}

/** Schema errors of `meterValue` inside a minimal TransactionEvent of `eventType`, undefined when valid (tests only). */
export function transactionEventErrors(meterValue: MeterValueType[], eventType: 'Started' | 'Updated' | 'Ended' = 'Updated'): SchemaError[] | undefined {
  return getValidator('TransactionEvent', 'request')({
    eventType,
    timestamp: T0.toISOString(),
    triggerReason: eventType === 'Ended' ? 'StopAuthorized' : 'MeterValuePeriodic',
    seqNo: 1,
    transactionInfo: { transactionId: 'tx-1' },
    meterValue,
  });
}

/** The measurands and contexts of meter values, flattened, for compact assertions (tests only). */
export function summary(meterValues: readonly MeterValueType[]): string[] {
  return meterValues.flatMap((mv) => mv.sampledValue.map((sv) => `${sv.measurand ?? '-'}${sv.phase === undefined ? '' : `/${sv.phase}`}@${sv.context ?? '-'}=${sv.value}`));
}
