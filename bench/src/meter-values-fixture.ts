import type { MeterValuesRequest } from '@evstation/core';

/** A MeterValues request with 10 sampled values: the payload of the RPC round-trip benchmark. */
export function meterValuesWithTenSamples(): MeterValuesRequest {
  const measurands = [
    'Energy.Active.Import.Register',
    'Power.Active.Import',
    'Current.Import',
    'Current.Import',
    'Current.Import',
    'Voltage',
    'Voltage',
    'Voltage',
    'Frequency',
    'SoC',
  ] as const;
  const phases = [undefined, undefined, 'L1', 'L2', 'L3', 'L1-N', 'L2-N', 'L3-N', undefined, undefined] as const;
  return {
    evseId: 1,
    meterValue: [
      {
        timestamp: '2026-03-01T12:00:00.000Z',
        sampledValue: measurands.map((measurand, i) => {
          const phase = phases[i];
          return { value: 100 + i * 1.5, measurand, context: 'Sample.Periodic' as const, location: 'Outlet' as const, ...(phase === undefined ? {} : { phase }) };
        }),
      },
    ],
  };
}
