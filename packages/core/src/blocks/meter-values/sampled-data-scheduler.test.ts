import { describe, expect, it } from 'vitest';
import { acReading, at, meteringSetup, setVariable, signedReading, summary, transactionEventErrors } from './meter-values.test-kit.js';
import { SampledDataScheduler } from './sampled-data-scheduler.js';
import type { TransactionMeterValues } from './transaction-meter-values.js';

/** TxStarted: energy; TxUpdated: power + energy every 60 s; TxEnded: energy every 300 s. EVSE 1 metered at T0. */
function sampledSetup(values: Readonly<Record<string, string>> = {}) {
  const setup = meteringSetup({
    'SampledDataCtrlr.TxStartedMeasurands': 'Energy.Active.Import.Register',
    'SampledDataCtrlr.TxUpdatedMeasurands': 'Energy.Active.Import.Register,Power.Active.Import',
    'SampledDataCtrlr.TxUpdatedInterval': '60',
    'SampledDataCtrlr.TxEndedMeasurands': 'Energy.Active.Import.Register',
    'SampledDataCtrlr.TxEndedInterval': '300',
    'SampledDataCtrlr.RegisterValuesWithoutPhases': 'true',
    ...values,
  });
  const updates: TransactionMeterValues[] = [];
  const scheduler = new SampledDataScheduler({
    clock: setup.clock,
    logger: setup.logger,
    deviceModel: setup.model,
    store: setup.store,
    sendTransactionMeterValues: (update) => void updates.push(update),
  });
  setup.store.onMeterValue(1, acReading(at(0), 1000));
  return { ...setup, scheduler, updates };
}

describe('SampledDataScheduler (J02 sampled meter values)', () => {
  it('TC_J_07: Started values are the TxStartedMeasurands with context Transaction.Begin', () => {
    const { scheduler } = sampledSetup();
    const started = scheduler.startedValues(1);
    expect(summary(started)).toEqual(['Energy.Active.Import.Register@Transaction.Begin=1000']);
    expect(transactionEventErrors(started, 'Started')).toBeUndefined();
    expect(scheduler.startedValues(2)).toEqual([]);
  });

  it('TC_J_08 (unit): Transaction.Begin values can be taken later, once the EVSE is known', async () => {
    const { clock, store, scheduler } = sampledSetup();
    await clock.advance(30_000);
    store.onMeterValue(2, acReading(at(30_000), 50));
    const begin = scheduler.startedValues(2);
    expect(begin).toEqual([{ timestamp: at(30_000), sampledValue: [expect.objectContaining({ context: 'Transaction.Begin', value: 50 })] }]);
    expect(transactionEventErrors(begin)).toBeUndefined();
  });

  it('TC_J_09: every TxUpdatedInterval from the transaction start, TxUpdatedMeasurands go to TransactionEvent(Updated, MeterValuePeriodic) with Sample.Periodic', async () => {
    const { clock, store, scheduler, updates } = sampledSetup();
    await clock.advance(7_000);
    scheduler.startTransaction(1, 'tx-1');
    await clock.advance(59_999);
    expect(updates).toEqual([]);
    store.onMeterValue(1, acReading(at(66_000), 1100));
    await clock.advance(1);
    expect(updates).toEqual([{ evseId: 1, transactionId: 'tx-1', triggerReason: 'MeterValuePeriodic', meterValue: [expect.objectContaining({ timestamp: at(66_000) })] }]);
    expect(summary(updates[0]?.meterValue ?? [])).toEqual(['Energy.Active.Import.Register@Sample.Periodic=1100', 'Power.Active.Import@Sample.Periodic=11000']);
    expect(transactionEventErrors(updates[0]?.meterValue ?? [])).toBeUndefined();
    await clock.advance(120_000);
    expect(updates).toHaveLength(3);
    expect(clock.now().toISOString()).toBe(at(187_000));
  });

  it('TC_J_10: the Ended values hold Transaction.Begin, a Sample.Periodic reading every TxEndedInterval and Transaction.End (TxEndedMeasurands)', async () => {
    const { clock, store, scheduler } = sampledSetup();
    scheduler.startTransaction(1, 'tx-1');
    for (let minute = 1; minute <= 11; minute += 1) {
      await clock.advance(60_000);
      store.onMeterValue(1, acReading(at(minute * 60_000), 1000 + minute * 100));
    }
    const ended = scheduler.stopTransaction(1);
    expect(summary(ended)).toEqual([
      'Energy.Active.Import.Register@Transaction.Begin=1000',
      'Energy.Active.Import.Register@Sample.Periodic=1400',
      'Energy.Active.Import.Register@Sample.Periodic=1900',
      'Energy.Active.Import.Register@Transaction.End=2100',
    ]);
    expect(ended.map((mv) => mv.timestamp)).toEqual([at(0), at(240_000), at(540_000), at(660_000)]);
    expect(transactionEventErrors(ended, 'Ended')).toBeUndefined();
    expect(clock.pendingTimers()).toBe(0);
    expect(store.transactionOn(1)).toBeUndefined();
  });

  it('J02: with TxEndedInterval 0 the Ended values are the start and end values only; meterStop is recorded first', async () => {
    const { clock, scheduler } = sampledSetup({ 'SampledDataCtrlr.TxEndedInterval': '0' });
    scheduler.startTransaction(1, 'tx-1');
    await clock.advance(3_600_000);
    expect(summary(scheduler.stopTransaction(1, acReading(at(3_600_000), 9000)))).toEqual([
      'Energy.Active.Import.Register@Transaction.Begin=1000',
      'Energy.Active.Import.Register@Transaction.End=9000',
    ]);
  });

  it('TC_J_03 (unit): clock-aligned TxEnded readings kept by the aligned scheduler end up in the Ended values in time order', async () => {
    const { clock, store, scheduler } = sampledSetup({ 'SampledDataCtrlr.TxEndedInterval': '0' });
    scheduler.startTransaction(1, 'tx-1');
    await clock.advance(60_000);
    store.appendTxEndedReadings(1, [{ timestamp: at(60_000), sampledValue: [{ measurand: 'Energy.Active.Import.Register', value: 1050, context: 'Sample.Clock' }] }]);
    expect(summary(scheduler.stopTransaction(1))).toEqual([
      'Energy.Active.Import.Register@Transaction.Begin=1000',
      'Energy.Active.Import.Register@Sample.Clock=1050',
      'Energy.Active.Import.Register@Transaction.End=1000',
    ]);
  });

  it('TC_J_11 (unit): signed readings keep their signedMeterValue in Started, Updated and Ended', async () => {
    const { clock, store, scheduler, updates } = sampledSetup({ 'SampledDataCtrlr.TxUpdatedMeasurands': 'Energy.Active.Import.Register' });
    const signed = signedReading(at(0), 1000);
    store.onMeterValue(1, signed);
    const started = scheduler.startedValues(1);
    scheduler.startTransaction(1, 'tx-1');
    await clock.advance(60_000);
    const ended = scheduler.stopTransaction(1);
    for (const meterValue of [started, updates[0]?.meterValue ?? [], ended]) {
      expect(meterValue.flatMap((mv) => mv.sampledValue.map((sv) => sv.signedMeterValue))).toContainEqual(signed.sampledValue[0]?.signedMeterValue);
      expect(transactionEventErrors(meterValue)).toBeUndefined();
    }
  });

  it('J02: TxUpdatedInterval 0 sends no Updated values; a SetVariables change applies at once on the grid of the transaction start', async () => {
    const { clock, model, scheduler, updates } = sampledSetup({ 'SampledDataCtrlr.TxUpdatedInterval': '0' });
    await clock.advance(10_000);
    scheduler.startTransaction(1, 'tx-1');
    await clock.advance(600_000);
    expect(updates).toEqual([]);
    setVariable(model, 'SampledDataCtrlr.TxUpdatedInterval', '120');
    await clock.advance(120_000);
    expect(updates).toHaveLength(1);
    expect(clock.monotonicMs() - 10_000).toBe(720_000);
  });

  it('J02: RegisterValuesWithoutPhases false reports the per-phase register values too', () => {
    const { scheduler } = sampledSetup({ 'SampledDataCtrlr.RegisterValuesWithoutPhases': 'false' });
    expect(summary(scheduler.startedValues(1))).toHaveLength(4);
  });

  it('J02: SampledDataCtrlr.Enabled false silences sampled data', async () => {
    const { clock, scheduler, updates } = sampledSetup({ 'SampledDataCtrlr.Enabled': 'false' });
    expect(scheduler.startedValues(1)).toEqual([]);
    scheduler.startTransaction(1, 'tx-1');
    await clock.advance(600_000);
    expect(updates).toEqual([]);
    expect(scheduler.stopTransaction(1)).toEqual([]);
  });

  it('meters EVSEs independently; stopping one without a transaction returns [] and dispose() cancels everything', async () => {
    const { clock, store, scheduler, updates } = sampledSetup();
    store.onMeterValue(2, acReading(at(0), 500));
    scheduler.startTransaction(1, 'tx-1');
    await clock.advance(30_000);
    scheduler.startTransaction(2, 'tx-2');
    await clock.advance(60_000);
    expect(updates.map((u) => `${u.evseId}:${u.transactionId}@${u.meterValue[0]?.timestamp}`)).toEqual([`1:tx-1@${at(0)}`, `2:tx-2@${at(0)}`]);
    expect(scheduler.stopTransaction(3)).toEqual([]);
    scheduler.dispose();
    expect(clock.pendingTimers()).toBe(0);
    expect(store.transactionEvseIds()).toEqual([1, 2]);
  });

  it('refuses to start a transaction on EVSE 0 (the main meter)', () => {
    const { clock, scheduler } = sampledSetup();
    expect(() => scheduler.startTransaction(0, 'tx-0')).toThrow(RangeError);
    expect(clock.pendingTimers()).toBe(0);
  });
});
