import { beforeEach, describe, expect, it } from 'vitest';
import { stationPerTest } from '../support/station-per-test.js';
import { flushStation, waitUntil } from '../support/ocpp-frames.js';
import { energyReading, energyTransferStarted, present } from '../support/charging-session.js';
import { tokens } from '../support/token-csms.js';
import { eventsOf, expectWellFormed, summary, waitForEnded, waitForEvent } from '../support/transaction-events.js';

/*
 * A transaction open when the station loses power (reliability §2.4; no OCTT case in 2.0.1): the ChargePoint is stopped
 * without ending it, and a new ChargePoint opens the same SQLite file. By default the restart ends it: TransactionEvent
 * Ended, triggerReason AbnormalCondition, stoppedReason PowerLoss, the next seqNo, the last stored meter reading as
 * Transaction.End. With resumeTransactionsOnBoot the transaction goes on with its seqNo and ends normally later.
 */
describe('Power loss during a transaction (real SQLite file, restart)', () => {
  const env = stationPerTest();

  beforeEach(async () => {
    await env.boot();
  });

  /** Charges on EVSE 1 with two energy readings, then the power goes; returns the transactionId and where it began. */
  async function chargingWhenPowerFails(): Promise<{ transactionId: string; since: number }> {
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, env.station.chargePoint);
    env.station.chargePoint.onMeterValue(1, energyReading(1_000, new Date(Date.now() - 60_000)));
    env.station.chargePoint.onMeterValue(1, energyReading(4_200, new Date()));
    // Every event so far has reached the CSMS: the restart must carry on from the stored state, not from a queue.
    await waitUntil(() => env.station.stores.messageQueue.count() === 0, 'the queue to empty');
    await env.station.stop();
    return { transactionId, since };
  }

  it('Power loss: the restart ends the transaction (AbnormalCondition, PowerLoss, next seqNo, last meter value)', async () => {
    const { transactionId, since } = await chargingWhenPowerFails();
    const before = eventsOf(env.csms, transactionId, since);

    const booted = await env.boot();
    const ended = await waitForEnded(env.csms, transactionId, booted.since);
    const events = eventsOf(env.csms, transactionId, since);
    expectWellFormed(events);
    expect(ended.seqNo).toBe(before.length);
    expect(summary(ended)).toEqual({ eventType: 'Ended', triggerReason: 'AbnormalCondition', stoppedReason: 'PowerLoss', offline: true });
    expect(ended.meterValue).toEqual([
      { timestamp: expect.any(String) as string, sampledValue: [{ value: 4_200, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' }, context: 'Transaction.End' }] },
    ]);
    expect(env.station.chargePoint.activeTransactions()).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('Power loss with resumeTransactionsOnBoot: the transaction goes on and ends later with the next seqNo', async () => {
    const { transactionId, since } = await chargingWhenPowerFails();
    const before = eventsOf(env.csms, transactionId, since);

    const booted = await env.boot({ options: { resumeTransactionsOnBoot: true } });
    await flushStation(env.csms, booted.client);
    expect(eventsOf(env.csms, transactionId, booted.since)).toEqual([]);
    expect(env.station.chargePoint.activeTransactions().map((t) => t.transactionId)).toEqual([transactionId]);

    // The cable is still in (the station reports it again at boot) and the EV charges on.
    env.station.chargePoint.onSessionStarted(1, 1);
    env.station.chargePoint.onChargingStateChanged(1, 'SuspendedEV');
    await waitForEvent(env.csms, 'SuspendedEV', (e) => e.transactionInfo.chargingState === 'SuspendedEV', booted.since);
    await present(env.station.chargePoint, tokens.valid, 'stopped');
    await waitForEnded(env.csms, transactionId, booted.since);
    const events = eventsOf(env.csms, transactionId, since);
    expectWellFormed(events);
    expect(events.slice(before.length).map((e) => ({ seqNo: e.seqNo, ...summary(e) }))).toEqual([
      { seqNo: before.length, eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEV' },
      { seqNo: before.length + 1, eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: tokens.valid.idToken },
    ]);
    expect(env.csms.violations).toEqual([]);
  });
});
