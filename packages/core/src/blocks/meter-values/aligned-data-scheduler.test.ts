import { describe, expect, it } from 'vitest';
import type { MeterValuesRequest } from '../../messages/index.js';
import { AlignedDataScheduler } from './aligned-data-scheduler.js';
import { acReading, at, meteringSetup, meterValuesErrors, setVariable, signedReading, summary, transactionEventErrors } from './meter-values.test-kit.js';
import type { TransactionMeterValues } from './transaction-meter-values.js';

const QUARTER_MS = 900_000;
const ENERGY_2000 = [
  'Energy.Active.Import.Register@Sample.Clock=2000',
  'Energy.Active.Import.Register/L1@Sample.Clock=666.6666666666666',
  'Energy.Active.Import.Register/L2@Sample.Clock=666.6666666666666',
  'Energy.Active.Import.Register/L3@Sample.Clock=666.6666666666666',
];

/** A started scheduler (Interval 900, Measurands energy + power) with EVSE 0, 1 and 2 metered. */
function alignedSetup(values: Readonly<Record<string, string>> = {}, start?: Date) {
  const setup = meteringSetup({ 'AlignedDataCtrlr.Interval': '900', 'AlignedDataCtrlr.Measurands': 'Energy.Active.Import.Register,Power.Active.Import', ...values }, start);
  const sent: MeterValuesRequest[] = [];
  const txValues: TransactionMeterValues[] = [];
  const scheduler = new AlignedDataScheduler({
    clock: setup.clock,
    logger: setup.logger,
    deviceModel: setup.model,
    store: setup.store,
    sendMeterValues: (request) => void sent.push(request),
    sendTransactionMeterValues: (values) => void txValues.push(values),
  });
  for (const evseId of [0, 1, 2]) setup.store.onMeterValue(evseId, acReading(at(0), 1000 * (evseId + 1), 0));
  scheduler.start();
  return { ...setup, scheduler, sent, txValues };
}

describe('AlignedDataScheduler (J01 clock-aligned meter values)', () => {
  it('TC_J_01 / J01.FR.14: sends MeterValues (Sample.Clock, AlignedDataCtrlr.Measurands) for the main meter and idle EVSEs at each quarter hour', async () => {
    const { clock, sent } = alignedSetup();
    expect(clock.msUntilNextTimer()).toBe(QUARTER_MS);
    await clock.advance(QUARTER_MS - 1);
    expect(sent).toEqual([]);
    await clock.advance(1);
    expect(sent.map((r) => r.evseId)).toEqual([0, 1, 2]);
    expect(summary(sent[1]?.meterValue ?? [])).toEqual([...ENERGY_2000, 'Power.Active.Import@Sample.Clock=0']);
    for (const request of sent) expect(meterValuesErrors(request)).toBeUndefined();
    await clock.advance(3 * QUARTER_MS);
    expect(sent).toHaveLength(12);
    expect(clock.now().toISOString()).toBe('2026-03-01T13:00:00.000Z');
  });

  it('J01: computes the first delay from clock.now() (started 12:07:30 → first values at 12:15:00)', async () => {
    const { clock, sent } = alignedSetup({}, new Date('2026-03-01T12:07:30.000Z'));
    expect(clock.msUntilNextTimer()).toBe(450_000);
    await clock.advance(450_000);
    expect(sent).toHaveLength(3);
  });

  it('TC_J_02: an EVSE with a transaction gets its clock-aligned values for TransactionEvent(Updated, MeterValueClock) instead of MeterValues', async () => {
    const { clock, store, sent, txValues } = alignedSetup();
    store.beginTransaction(1, 'tx-1');
    await clock.advance(QUARTER_MS);
    expect(sent.map((r) => r.evseId)).toEqual([0, 2]);
    expect(txValues).toEqual([{ evseId: 1, transactionId: 'tx-1', triggerReason: 'MeterValueClock', meterValue: [expect.objectContaining({ timestamp: at(0) })] }]);
    expect(summary(txValues[0]?.meterValue ?? [])).toEqual([...ENERGY_2000, 'Power.Active.Import@Sample.Clock=0']);
    expect(transactionEventErrors(txValues[0]?.meterValue ?? [])).toBeUndefined();
  });

  it('J01.FR.20 / TC_J_06: with SendDuringIdle true nothing is sent while any transaction runs, and sending resumes after it', async () => {
    const { clock, store, sent, txValues } = alignedSetup({ 'AlignedDataCtrlr.SendDuringIdle': 'true' });
    await clock.advance(QUARTER_MS);
    expect(sent).toHaveLength(3);
    store.beginTransaction(2, 'tx-2');
    await clock.advance(2 * QUARTER_MS);
    expect(sent).toHaveLength(3);
    expect(txValues).toEqual([]);
    store.endTransaction(2);
    await clock.advance(QUARTER_MS);
    expect(sent).toHaveLength(6);
  });

  it('J01: with SendDuringIdle false (default) an idle EVSE still reports while another EVSE charges', async () => {
    const { clock, store, sent, txValues } = alignedSetup();
    store.beginTransaction(2, 'tx-2');
    await clock.advance(QUARTER_MS);
    expect(sent.map((r) => r.evseId)).toEqual([0, 1]);
    expect(txValues.map((v) => v.evseId)).toEqual([2]);
  });

  it('J01: Interval 0 disables; a SetVariables change of Interval reschedules at once', async () => {
    const { clock, model, sent } = alignedSetup({ 'AlignedDataCtrlr.Interval': '0' });
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(2 * 3_600_000);
    expect(sent).toEqual([]);
    setVariable(model, 'AlignedDataCtrlr.Interval', '3600');
    expect(clock.msUntilNextTimer()).toBe(3_600_000);
    await clock.advance(3_600_000);
    expect(sent).toHaveLength(3);
    setVariable(model, 'AlignedDataCtrlr.Interval', '0');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('J01: reschedule() re-aligns to the wall clock after it was set (time sync)', async () => {
    const { clock, scheduler, sent } = alignedSetup();
    clock.setWallTime(new Date('2026-03-01T12:10:00.000Z'));
    scheduler.reschedule();
    expect(clock.msUntilNextTimer()).toBe(300_000);
    await clock.advance(300_000);
    expect(sent).toHaveLength(3);
  });

  it('J01: sends nothing for an EVSE whose readings hold none of the measurands, nor when AlignedDataCtrlr.Enabled is false', async () => {
    const { clock, model, store, sent } = alignedSetup({ 'AlignedDataCtrlr.Measurands': 'SoC' });
    store.onMeterValue(2, { timestamp: at(0), sampledValue: [{ measurand: 'SoC', value: 40 }] });
    await clock.advance(QUARTER_MS);
    expect(sent.map((r) => r.evseId)).toEqual([2]);
    setVariable(model, 'AlignedDataCtrlr.Enabled', 'false');
    await clock.advance(QUARTER_MS);
    expect(sent).toHaveLength(1);
  });

  it('TC_J_04 (unit): clock-aligned values carry the signedMeterValue untouched', async () => {
    const { clock, store, sent } = alignedSetup({ 'AlignedDataCtrlr.Measurands': 'Energy.Active.Import.Register' });
    const signed = signedReading(at(1000), 4711);
    store.onMeterValue(1, signed);
    await clock.advance(QUARTER_MS);
    const request = sent.find((r) => r.evseId === 1);
    expect(request?.meterValue.map((mv) => mv.timestamp)).toEqual([at(0), at(1000)]);
    expect(request?.meterValue[1]?.sampledValue).toEqual([{ ...signed.sampledValue[0], context: 'Sample.Clock' }]);
    expect(meterValuesErrors(request!)).toBeUndefined();
  });

  it('TC_J_03 (unit): every AlignedDataCtrlr.TxEndedInterval instant keeps the TxEndedMeasurands (Sample.Clock) of running transactions', async () => {
    const { clock, store, sent } = alignedSetup({ 'AlignedDataCtrlr.Interval': '0', 'AlignedDataCtrlr.TxEndedInterval': '600', 'AlignedDataCtrlr.TxEndedMeasurands': 'Energy.Active.Import.Register' });
    store.beginTransaction(1, 'tx-1');
    await clock.advance(1_200_000);
    expect(sent).toEqual([]);
    const kept = store.endTransaction(1);
    expect(summary(kept)).toEqual([...ENERGY_2000, ...ENERGY_2000]);
    expect(transactionEventErrors(kept, 'Ended')).toBeUndefined();
  });

  it('keeps ticking when a delivery throws or rejects, and logs the failure', async () => {
    const setup = meteringSetup({ 'AlignedDataCtrlr.Interval': '900' });
    let calls = 0;
    const scheduler = new AlignedDataScheduler({
      clock: setup.clock,
      logger: setup.logger,
      deviceModel: setup.model,
      store: setup.store,
      sendMeterValues: () => {
        calls += 1;
        if (calls === 1) throw new Error('offline');
        return Promise.reject(new Error('timeout'));
      },
      sendTransactionMeterValues: () => undefined,
    });
    setup.store.onMeterValue(1, acReading(at(0), 1));
    scheduler.start();
    await setup.clock.advance(2 * QUARTER_MS);
    expect(calls).toBe(2);
    expect(setup.logger.entries.filter((e) => e.level === 'error')).toHaveLength(2);
  });

  it('stop() cancels the timers and stops following Interval changes', () => {
    const { clock, model, scheduler } = alignedSetup();
    scheduler.stop();
    expect(clock.pendingTimers()).toBe(0);
    setVariable(model, 'AlignedDataCtrlr.Interval', '60');
    scheduler.reschedule();
    expect(clock.pendingTimers()).toBe(0);
  });
});
