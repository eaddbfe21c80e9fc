import { describe, expect, it } from 'vitest';
import { FakeClock, nextClockAlignedInstant, type MeterValueType, type MeterValuesRequest, type SampledValueType } from '@evstation/core';
import type { RunningStation } from '../support/station-harness.js';
import { stationPerTest } from '../support/station-per-test.js';
import { flushStation, stationCalls } from '../support/ocpp-frames.js';
import { advanceQuietly } from '../support/quiet-clock.js';
import { TokenDirectory, tokens } from '../support/token-csms.js';
import { energyTransferStarted, setting, type ConfigValue } from '../support/charging-session.js';
import { transactionEvents, waitForEvent } from '../support/transaction-events.js';

/*
 * Block J clock-aligned meter values (J01, J02) cases of OCTT Part 6 (Core) on a FakeClock: AlignedDataCtrlr.Interval
 * instants are aligned to midnight UTC, readings come from the station through onMeterValue (EVSE 0 = main meter).
 * Sampled (TxUpdatedInterval) values are switched off here so that only clock-aligned traffic is seen.
 */
const intervalS = 60;
const alignedSettings: ConfigValue[] = [
  setting('AlignedDataCtrlr', 'Interval', String(intervalS)),
  setting('AlignedDataCtrlr', 'Measurands', 'Energy.Active.Import.Register,Power.Active.Import'),
  setting('SampledDataCtrlr', 'TxUpdatedInterval', '0'),
];

/** A meter reading: energy (Wh), power (W) and a voltage the aligned measurands do not ask for. */
function reading(at: Date, wh: number, signed?: SampledValueType['signedMeterValue']): MeterValueType {
  const energy: SampledValueType = { value: wh, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' }, ...(signed === undefined ? {} : { signedMeterValue: signed }) };
  return {
    timestamp: at.toISOString(),
    sampledValue: [energy, { value: 7200, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } }, { value: 230, measurand: 'Voltage', phase: 'L1-N' }],
  };
}

describe('Block J clock-aligned meter values against a strict CSMS (SQLite file, fake clock)', () => {
  const env = stationPerTest(() => ({ handlers: new TokenDirectory().handlers() }));
  let clock: FakeClock;

  async function boot(values: ConfigValue[] = []): Promise<RunningStation> {
    clock = new FakeClock(new Date('2026-03-02T08:00:10.000Z'));
    return (await env.boot({ clock, values: [...alignedSettings, ...values] })).station;
  }

  /** Moves to one second before the next aligned instant, lets the meters of `evseIds` read, then crosses the instant. */
  async function readThenCross(running: RunningStation, evseIds: number[], wh: number, signed?: SampledValueType['signedMeterValue']): Promise<Date> {
    const instant = nextClockAlignedInstant(clock.now(), intervalS);
    await advanceQuietly(clock, running.frames, instant.getTime() - clock.now().getTime() - 1000);
    for (const evseId of evseIds) running.chargePoint.onMeterValue(evseId, reading(clock.now(), wh + evseId, signed));
    const readAt = clock.now();
    await advanceQuietly(clock, running.frames, 1000);
    await flushStation(env.csms, env.client);
    return readAt;
  }

  /** What every clock-aligned value must look like: the configured measurands only, context Sample.Clock. */
  function expectAligned(meterValue: MeterValueType[] | undefined, readAt: Date, wh: number): void {
    expect(meterValue).toEqual([
      {
        timestamp: readAt.toISOString(),
        sampledValue: [expect.objectContaining({ value: wh, measurand: 'Energy.Active.Import.Register', context: 'Sample.Clock' }), expect.objectContaining({ value: 7200, measurand: 'Power.Active.Import', context: 'Sample.Clock' })],
      },
    ]);
  }

  it('TC_J_01_CS Clock-aligned Meter Values - No transaction ongoing', async () => {
    const running = await boot();
    for (const round of [1, 2]) {
      const since = env.csms.ledger.length;
      const readAt = await readThenCross(running, [0, 1], 1000 * round);
      const sent = stationCalls<MeterValuesRequest>(env.csms, 'MeterValues', since);
      expect(sent.map((m) => m.evseId)).toEqual([0, 1]);
      expectAligned(sent[0]?.meterValue, readAt, 1000 * round);
      expectAligned(sent[1]?.meterValue, readAt, 1000 * round + 1);
    }
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_J_02_CS Clock-aligned Meter Values - Transaction ongoing', async () => {
    const running = await boot();
    const transactionId = await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    const since = env.csms.ledger.length;
    const readAt = await readThenCross(running, [0, 1], 5000);
    // The main meter still uses MeterValues; the EVSE with a transaction reports inside it (J01.FR.14, J02).
    expect(stationCalls<MeterValuesRequest>(env.csms, 'MeterValues', since).map((m) => m.evseId)).toEqual([0]);
    const events = transactionEvents(env.csms, since);
    expect(events).toEqual([expect.objectContaining({ eventType: 'Updated', triggerReason: 'MeterValueClock', transactionInfo: { transactionId } })]);
    expectAligned(events[0]?.meterValue, readAt, 5001);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_J_03_CS Clock-aligned Meter Values - EventType Ended', async () => {
    const running = await boot([setting('AlignedDataCtrlr', 'TxEndedInterval', String(intervalS)), setting('AlignedDataCtrlr', 'TxEndedMeasurands', 'Energy.Active.Import.Register')]);
    const transactionId = await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    const readings: Date[] = [];
    for (const wh of [6000, 6500, 7000]) readings.push(await readThenCross(running, [1], wh));
    const since = env.csms.ledger.length;
    running.chargePoint.onSessionFinished(1, 1);
    const ended = await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended', since);
    expect(ended.transactionInfo.transactionId).toBe(transactionId);
    const clockAligned = (ended.meterValue ?? []).filter((mv) => mv.sampledValue.every((sv) => sv.context === 'Sample.Clock'));
    expect(clockAligned.map((mv) => [mv.timestamp, mv.sampledValue.map((sv) => [sv.measurand, sv.value])])).toEqual(
      readings.map((at, i) => [at.toISOString(), [['Energy.Active.Import.Register', 6001 + 500 * i]]]),
    );
    expect(ended.meterValue?.at(-1)?.sampledValue[0]?.context).toBe('Transaction.End');
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_J_04_CS Clock-aligned Meter Values - Signed', async () => {
    const running = await boot();
    const signed = { signedMeterData: 'T0NNRi1TSUdORUQtREFUQQ==', signingMethod: 'ECDSA-secp256r1-SHA256', encodingMethod: 'OCMF', publicKey: 'UFVCTElDLUtFWQ==' };
    const since = env.csms.ledger.length;
    await readThenCross(running, [1], 2000, signed);
    const [sent] = stationCalls<MeterValuesRequest>(env.csms, 'MeterValues', since);
    expect(sent?.meterValue[0]?.sampledValue[0]).toMatchObject({ value: 2001, context: 'Sample.Clock', signedMeterValue: signed });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_J_06_CS Clock-aligned Meter Values - SendDuringIdle', async () => {
    const running = await boot([setting('AlignedDataCtrlr', 'SendDuringIdle', 'true')]);
    await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    const during = env.csms.ledger.length;
    await readThenCross(running, [0, 1, 2], 3000);
    expect(stationCalls(env.csms, 'MeterValues', during)).toEqual([]);
    expect(transactionEvents(env.csms, during)).toEqual([]);
    // Once no transaction runs, the aligned values go out again.
    await running.chargePoint.presentIdToken(tokens.valid, { evseId: 1 });
    await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended', during);
    const idle = env.csms.ledger.length;
    await readThenCross(running, [0, 1, 2], 4000);
    expect(stationCalls<MeterValuesRequest>(env.csms, 'MeterValues', idle).map((m) => m.evseId)).toEqual([0, 1, 2]);
    expect(env.csms.violations).toEqual([]);
  });
});
