import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '@evstation/core';
import type { TransactionEventRequest } from '@evstation/core';
import { energyReading } from '../support/charging-session.js';
import { acceptingHandlers, stationActions, stationCalls, waitUntil } from '../support/ocpp-frames.js';
import { startBootedStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
import { StrictCsms } from '../support/strict-csms.js';

const STEP_MS = 10_000;
const OUTAGE_MS = 30 * 60_000;
const tokens = { 1: { idToken: 'OUTAGE-1', type: 'ISO14443' as const }, 2: { idToken: 'OUTAGE-2', type: 'ISO14443' as const } };

/** Lets socket and database callbacks run. */
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * R4 (reliability.md §4.2), E04/E11/E12: the CSMS is gone for 30 minutes of fake time while two EVSEs meter every 10 s
 * and EVSE 2's transaction ends. Afterwards every event arrives, in order, before new traffic, with `offline: true`
 * exactly on the events generated while the station was disconnected.
 */
describe('R4 outage endurance on the fake clock', () => {
  let csms: StrictCsms;
  let station: RunningStation | undefined;
  let db: { path: string; dispose: () => void } | undefined;

  afterEach(async () => {
    await station?.stop();
    await csms.close();
    db?.dispose();
  });

  it('delivers all TransactionEvents of a 30-minute outage in order with offline flags exactly on those generated offline', async () => {
    csms = await StrictCsms.start({ handlers: acceptingHandlers() });
    const port = csms.listeningPort;
    db = tempDatabase();
    const clock = new FakeClock(new Date());
    const links: { connected: boolean; at: number }[] = [];
    ({ station } = await startBootedStation(csms, {
      dbPath: db.path,
      clock,
      values: [
        { component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedInterval' }, value: '10' },
        { component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedMeasurands' }, value: 'Energy.Active.Import.Register' },
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffWaitMinimum' }, value: '10' },
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffRandomRange' }, value: '5' },
      ],
      callbacks: { connectionStateChanged: (connected) => links.push({ connected, at: clock.now().getTime() }) },
    }));
    const cp = station.chargePoint;
    const energy = { 1: 0, 2: 0 };
    for (const evseId of [1, 2] as const) {
      cp.onSessionStarted(evseId, 1);
      expect((await cp.presentIdToken(tokens[evseId], { evseId })).outcome).toBe('started');
      cp.onChargingStateChanged(evseId, 'Charging');
    }
    await waitUntil(() => stationCalls(csms, 'TransactionEvent').length >= 4, 'the Started and Charging events');
    await clock.advance(1_000);

    const beforeOutage = csms;
    await beforeOutage.close();
    await waitUntil(() => !cp.isConnected, 'the station to notice the outage');
    for (let t = 0; t < OUTAGE_MS; t += STEP_MS) {
      for (const evseId of [1, 2] as const) {
        if (evseId === 2 && t >= OUTAGE_MS / 2) continue;
        energy[evseId] += 30;
        cp.onMeterValue(evseId, energyReading(energy[evseId], clock.now()));
      }
      if (t === OUTAGE_MS / 2) {
        expect((await cp.presentIdToken(tokens[2], { evseId: 2 })).outcome).toBe('stopped');
        cp.onSessionFinished(2, 1);
      }
      await clock.advance(STEP_MS);
      await yieldToIo();
    }

    csms = await StrictCsms.start({ handlers: acceptingHandlers(), port });
    while (!cp.isConnected) {
      await clock.advance(1_000);
      await yieldToIo();
    }
    await waitUntil(() => !cp.transactionStatus().messagesInQueue, 'the queue to drain', 60_000);
    expect((await cp.presentIdToken(tokens[1], { evseId: 1 })).outcome).toBe('stopped');
    await waitUntil(() => stationCalls<TransactionEventRequest>(csms, 'TransactionEvent').some((e) => e.eventType === 'Ended' && e.evse === undefined && e.transactionInfo.stoppedReason === 'Local' && !e.offline), 'the online Ended');

    const down = links.find((l) => !l.connected)?.at ?? Number.NaN;
    const up = links.findLast((l) => l.connected)?.at ?? Number.NaN;
    const delivered = [...stationCalls<TransactionEventRequest>(beforeOutage, 'TransactionEvent'), ...stationCalls<TransactionEventRequest>(csms, 'TransactionEvent')];
    const updates = delivered.filter((e) => e.triggerReason === 'MeterValuePeriodic');
    // 30 minutes of 10 s samples on EVSE 1, 15 minutes on EVSE 2: nothing dropped.
    expect(updates.length).toBeGreaterThanOrEqual(180 + 90 - 2);
    for (const event of delivered) {
      const at = Date.parse(event.timestamp);
      expect(event.offline === true, `${event.eventType} seqNo ${event.seqNo} at ${event.timestamp}`).toBe(at >= down && at < up);
    }
    for (const transactionId of new Set(delivered.map((e) => e.transactionInfo.transactionId))) {
      const seqNos = delivered.filter((e) => e.transactionInfo.transactionId === transactionId).map((e) => e.seqNo);
      expect(seqNos).toEqual(seqNos.map((_, i) => i));
    }
    expect(delivered.filter((e) => e.eventType === 'Ended')).toHaveLength(2);
    // E04/E12: after the reconnect the queued events go first; the first CALL of the new connection is a queued TransactionEvent.
    expect(stationActions(csms)[0]).toBe('TransactionEvent');
    expect([...beforeOutage.violations, ...csms.violations]).toEqual([]);
  }, 120_000);
});
