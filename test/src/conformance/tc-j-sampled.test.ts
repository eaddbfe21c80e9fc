import { describe, expect, it } from 'vitest';
import { FakeClock, type MeterValueType, type SampledValueType } from '@evstation/core';
import type { RunningStation } from '../support/station-harness.js';
import { stationPerTest } from '../support/station-per-test.js';
import { flushStation } from '../support/ocpp-frames.js';
import { advanceQuietly } from '../support/quiet-clock.js';
import { TokenDirectory, tokens } from '../support/token-csms.js';
import { energyTransferStarted, setting, type ConfigValue } from '../support/charging-session.js';
import { transactionEvents, waitForEvent } from '../support/transaction-events.js';

/*
 * Block J sampled meter values (J02) cases of OCTT Part 6 (Core) on a FakeClock: Started carries Transaction.Begin
 * values, Updated the TxUpdatedInterval samples, Ended the TxEndedInterval samples between Transaction.Begin and
 * Transaction.End; signed values pass through unchanged. Clock-aligned values are switched off here.
 *
 * Does not apply: TC_J_08_CS (Transaction.Begin values in the first Updated because the EVSE is not known when
 * the transaction starts). This station picks the EVSE when the token is presented or the cable plugged in, so a
 * transaction never starts on an unknown EVSE: its Started event already carries the EVSE and its Begin values.
 */
const updatedS = 30;
const sampledSettings: ConfigValue[] = [
  setting('AlignedDataCtrlr', 'Interval', '0'),
  setting('SampledDataCtrlr', 'TxStartedMeasurands', 'Energy.Active.Import.Register'),
  setting('SampledDataCtrlr', 'TxUpdatedMeasurands', 'Energy.Active.Import.Register,Power.Active.Import'),
  setting('SampledDataCtrlr', 'TxEndedMeasurands', 'Energy.Active.Import.Register'),
  setting('SampledDataCtrlr', 'TxUpdatedInterval', String(updatedS)),
];
const signature = { signedMeterData: 'T0NNRi1TQU1QTEVE', signingMethod: 'ECDSA-secp256r1-SHA256', encodingMethod: 'OCMF', publicKey: 'UFVCTElDLUtFWQ==' };

function reading(at: Date, wh: number, signed = false): MeterValueType {
  const energy: SampledValueType = { value: wh, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' }, ...(signed ? { signedMeterValue: signature } : {}) };
  return { timestamp: at.toISOString(), sampledValue: [energy, { value: 11000, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } }] };
}

/** [context, measurand, value] of every sampled value, in order. */
function contents(meterValue: MeterValueType[] | undefined): [string | undefined, string | undefined, number][] {
  return (meterValue ?? []).flatMap((mv) => mv.sampledValue.map((sv): [string | undefined, string | undefined, number] => [sv.context, sv.measurand, sv.value]));
}

describe('Block J sampled meter values against a strict CSMS (SQLite file, fake clock)', () => {
  const env = stationPerTest(() => ({ handlers: new TokenDirectory().handlers() }));
  let clock: FakeClock;

  async function boot(values: ConfigValue[] = []): Promise<RunningStation> {
    clock = new FakeClock(new Date('2026-03-02T08:00:10.000Z'));
    const overridden = (v: ConfigValue): boolean => values.some((o) => o.component.name === v.component.name && o.variable.name === v.variable.name);
    return (await env.boot({ clock, values: [...sampledSettings.filter((v) => !overridden(v)), ...values] })).station;
  }

  /** The meter of EVSE 1 reads `wh`, then `seconds` pass. */
  async function readThenWait(running: RunningStation, wh: number, seconds: number, signed = false): Promise<void> {
    running.chargePoint.onMeterValue(1, reading(clock.now(), wh, signed));
    await advanceQuietly(clock, running.frames, seconds * 1000);
    await flushStation(env.csms, env.client);
  }

  it('TC_J_07_CS Sampled Meter Values - EventType Started - EVSE known', async () => {
    const running = await boot([setting('TxCtrlr', 'TxStartPoint', 'EVConnected')]);
    running.chargePoint.onMeterValue(1, reading(clock.now(), 12_000));
    const since = env.csms.ledger.length;
    running.chargePoint.onSessionStarted(1, 1);
    const started = await waitForEvent(env.csms, 'Started', (e) => e.eventType === 'Started', since);
    expect(started.evse).toEqual({ id: 1, connectorId: 1 });
    expect(contents(started.meterValue)).toEqual([['Transaction.Begin', 'Energy.Active.Import.Register', 12_000]]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_J_09_CS Sampled Meter Values - EventType Updated', async () => {
    const running = await boot();
    running.chargePoint.onMeterValue(1, reading(clock.now(), 1000));
    const transactionId = await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    const since = env.csms.ledger.length;
    await readThenWait(running, 1100, updatedS);
    await readThenWait(running, 1200, updatedS);
    const periodic = transactionEvents(env.csms, since).filter((e) => e.triggerReason === 'MeterValuePeriodic');
    expect(periodic.map((e) => [e.eventType, e.transactionInfo.transactionId, contents(e.meterValue)])).toEqual([
      ['Updated', transactionId, [['Sample.Periodic', 'Energy.Active.Import.Register', 1100], ['Sample.Periodic', 'Power.Active.Import', 11000]]],
      ['Updated', transactionId, [['Sample.Periodic', 'Energy.Active.Import.Register', 1200], ['Sample.Periodic', 'Power.Active.Import', 11000]]],
    ]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_J_10_CS Sampled Meter Values - EventType Ended', async () => {
    const running = await boot([setting('SampledDataCtrlr', 'TxUpdatedInterval', '0'), setting('SampledDataCtrlr', 'TxEndedInterval', '20')]);
    running.chargePoint.onMeterValue(1, reading(clock.now(), 500));
    await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    for (const wh of [600, 700, 800]) await readThenWait(running, wh, 20);
    running.chargePoint.onMeterValue(1, reading(clock.now(), 850));
    const since = env.csms.ledger.length;
    await running.chargePoint.presentIdToken(tokens.valid, { evseId: 1 });
    const ended = await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended', since);
    expect(contents(ended.meterValue)).toEqual([
      ['Transaction.Begin', 'Energy.Active.Import.Register', 500],
      ['Sample.Periodic', 'Energy.Active.Import.Register', 600],
      ['Sample.Periodic', 'Energy.Active.Import.Register', 700],
      ['Sample.Periodic', 'Energy.Active.Import.Register', 800],
      ['Transaction.End', 'Energy.Active.Import.Register', 850],
    ]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_J_11_CS Sampled Meter Values - Signed', async () => {
    const running = await boot();
    running.chargePoint.onMeterValue(1, reading(clock.now(), 1000, true));
    await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    const [started] = transactionEvents(env.csms).filter((e) => e.eventType === 'Started');
    expect(started?.meterValue?.[0]?.sampledValue[0]).toMatchObject({ context: 'Transaction.Begin', signedMeterValue: signature });
    const since = env.csms.ledger.length;
    await readThenWait(running, 1300, updatedS, true);
    const [periodic] = transactionEvents(env.csms, since).filter((e) => e.triggerReason === 'MeterValuePeriodic');
    expect(periodic?.meterValue?.[0]?.sampledValue[0]).toEqual({ value: 1300, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' }, context: 'Sample.Periodic', signedMeterValue: signature });
    expect(env.csms.violations).toEqual([]);
  });
});
