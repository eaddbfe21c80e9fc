import { describe, expect, it } from 'vitest';
import type { MeterValuesRequest } from '../../messages/index.js';
import { AlignedDataScheduler } from './aligned-data-scheduler.js';
import { meterValuesTrigger } from './meter-values-trigger.js';
import { acReading, meteringSetup, meterValuesErrors, summary, transactionEventErrors } from './meter-values.test-kit.js';
import { SampledDataScheduler } from './sampled-data-scheduler.js';
import type { TransactionMeterValues } from './transaction-meter-values.js';

describe('meter values block wired together (J01 + J02 on one store)', () => {
  it('TC_J_01/02/03/07/09/10 (unit): a transaction across clock-aligned instants gives valid MeterValues and TransactionEvent meter values', async () => {
    const { clock, logger, model, store } = meteringSetup({
      'AlignedDataCtrlr.Interval': '300',
      'AlignedDataCtrlr.TxEndedInterval': '600',
      'AlignedDataCtrlr.Measurands': 'Energy.Active.Import.Register',
      'AlignedDataCtrlr.TxEndedMeasurands': 'Energy.Active.Import.Register',
      'SampledDataCtrlr.TxUpdatedInterval': '120',
      'SampledDataCtrlr.TxEndedInterval': '0',
      'SampledDataCtrlr.RegisterValuesWithoutPhases': 'true',
    });
    const meterValues: MeterValuesRequest[] = [];
    const updates: TransactionMeterValues[] = [];
    const log: string[] = [];
    const hhmm = (): string => clock.now().toISOString().slice(11, 16);
    const sendMeterValues = (request: MeterValuesRequest): void => {
      meterValues.push(request);
      log.push(`${hhmm()} MeterValues evse ${request.evseId}`);
    };
    const sendTransactionMeterValues = (update: TransactionMeterValues): void => {
      updates.push(update);
      log.push(`${hhmm()} ${update.triggerReason} ${update.transactionId}`);
    };
    const aligned = new AlignedDataScheduler({ clock, logger, deviceModel: model, store, sendMeterValues, sendTransactionMeterValues });
    const sampled = new SampledDataScheduler({ clock, logger, deviceModel: model, store, sendTransactionMeterValues });
    aligned.start();
    // A meter polled every 10 s on EVSE 1, charging 11 kW from 12:01 to 12:16.
    let energyWh = 0;
    const poll = (): void => {
      store.onMeterValue(1, acReading(clock.now().toISOString(), Math.round(energyWh)));
      clock.setTimeout(poll, 10_000);
    };
    poll();
    const charge = (): void => {
      energyWh += (11_000 * 10) / 3600;
      clock.setTimeout(charge, 10_000);
    };

    await clock.advance(60_000);
    const started = sampled.startedValues(1);
    sampled.startTransaction(1, 'tx-1');
    clock.setTimeout(charge, 10_000);
    await clock.advance(15 * 60_000);
    const ended = sampled.stopTransaction(1);
    await clock.advance(5 * 60_000);

    expect(log).toEqual([
      '12:03 MeterValuePeriodic tx-1',
      '12:05 MeterValueClock tx-1',
      '12:05 MeterValuePeriodic tx-1',
      '12:07 MeterValuePeriodic tx-1',
      '12:09 MeterValuePeriodic tx-1',
      '12:10 MeterValueClock tx-1',
      '12:11 MeterValuePeriodic tx-1',
      '12:13 MeterValuePeriodic tx-1',
      '12:15 MeterValueClock tx-1',
      '12:15 MeterValuePeriodic tx-1',
      '12:20 MeterValues evse 1',
    ]);
    expect(summary(ended).map((s) => s.replace(/=.*/, ''))).toEqual([
      'Energy.Active.Import.Register@Transaction.Begin',
      // RegisterValuesWithoutPhases is a SampledDataCtrlr variable: clock-aligned readings keep their phases.
      'Energy.Active.Import.Register@Sample.Clock',
      'Energy.Active.Import.Register/L1@Sample.Clock',
      'Energy.Active.Import.Register/L2@Sample.Clock',
      'Energy.Active.Import.Register/L3@Sample.Clock',
      'Energy.Active.Import.Register@Transaction.End',
    ]);
    for (const request of [...meterValues, ...meterValuesTrigger({ store, deviceModel: model })]) expect(meterValuesErrors(request)).toBeUndefined();
    expect(transactionEventErrors(started, 'Started')).toBeUndefined();
    for (const update of updates) expect(transactionEventErrors(update.meterValue)).toBeUndefined();
    expect(transactionEventErrors(ended, 'Ended')).toBeUndefined();
  });
});
