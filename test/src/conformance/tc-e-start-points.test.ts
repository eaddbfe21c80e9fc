import { describe, expect, it } from 'vitest';
import type { ChargePoint } from '@evstation/core';
import type { StationOptions } from '../support/station-harness.js';
import { stationPerTest } from '../support/station-per-test.js';
import { flushStation, stationCalls } from '../support/ocpp-frames.js';
import { allTxPointsAddition, energyReading, present, setVariables, transactionIdOn } from '../support/charging-session.js';
import { tokens } from '../support/token-csms.js';
import { eventsOf, expectWellFormed, summary, transactionEvents, waitForEvent } from '../support/transaction-events.js';

/*
 * E01 start points (OCTT "Start transaction options"): each case sets TxStartPoint over the wire, as the OCTT does,
 * and drives the station to the point; the TransactionEvent(Started) must come exactly there. ParkingBayOccupancy and
 * DataSigned are only settable on a station that declares them in TxStartPoint's valuesList (a bay detector, a
 * signed meter); the cases using them boot with that declaration (allTxPointsAddition).
 */
describe('E01 start points against a strict CSMS (SQLite file)', () => {
  const env = stationPerTest();
  let chargePoint: ChargePoint;

  async function boot(txStartPoint: string, options: Partial<Omit<StationOptions, 'csmsUrl' | 'dbPath'>> = {}): Promise<number> {
    await env.boot({ ...options });
    chargePoint = env.station.chargePoint;
    await setVariables(env.client, { 'TxCtrlr.TxStartPoint': txStartPoint });
    return env.csms.ledger.length;
  }

  /** Asserts that nothing transaction-related was sent since `since` (flushed first). */
  async function expectNoTransactionYet(since: number): Promise<void> {
    await flushStation(env.csms, env.client);
    expect(transactionEvents(env.csms, since)).toEqual([]);
    expect(chargePoint.activeTransactions()).toEqual([]);
  }

  it('TC_E_09_CS Start transaction options - EVConnected', async () => {
    const since = await boot('EVConnected');
    chargePoint.onSessionStarted(1, 1);
    const transactionId = transactionIdOn(chargePoint, 1);
    await present(chargePoint, tokens.valid, 'updated');
    chargePoint.onChargingStateChanged(1, 'Charging');
    await waitForEvent(env.csms, 'Charging', (e) => e.transactionInfo.chargingState === 'Charging', since);
    const events = eventsOf(env.csms, transactionId, since);
    expectWellFormed(events);
    expect(events.map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected' },
      { eventType: 'Updated', triggerReason: 'Authorized', idToken: tokens.valid.idToken },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(events[0]?.evse).toEqual({ id: 1, connectorId: 1 });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_10_CS Start transaction options - Authorized - Local', async () => {
    const since = await boot('Authorized');
    await present(chargePoint, tokens.valid, 'started');
    const transactionId = transactionIdOn(chargePoint, 1);
    chargePoint.onSessionStarted(1, 1);
    chargePoint.onChargingStateChanged(1, 'Charging');
    await waitForEvent(env.csms, 'Charging', (e) => e.transactionInfo.chargingState === 'Charging', since);
    expect(stationCalls(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.valid }]);
    const events = eventsOf(env.csms, transactionId, since);
    expectWellFormed(events);
    expect(events.map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', idToken: tokens.valid.idToken },
      { eventType: 'Updated', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected' },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    // E01.FR.16: the EVSE in the first event; its connector once known, in the first event after the EV connected.
    expect(events.map((e) => e.evse)).toEqual([{ id: 1 }, { id: 1, connectorId: 1 }, undefined]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_13_CS Start transaction options - Authorized - Remote', async () => {
    const since = await boot('Authorized');
    const answer = (await env.client.call('RequestStartTransaction', { evseId: 1, remoteStartId: 4711, idToken: tokens.valid })) as { status: string; transactionId?: string };
    expect(answer).toEqual({ status: 'Accepted' });
    const started = await waitForEvent(env.csms, 'Started', (e) => e.eventType === 'Started', since);
    // AuthorizeRemoteStart is true by default: the station asked the CSMS before starting (C05/F02).
    expect(stationCalls(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.valid }]);
    expect(summary(started)).toEqual({ eventType: 'Started', triggerReason: 'RemoteStart', idToken: tokens.valid.idToken });
    expect(started.transactionInfo.remoteStartId).toBe(4711);
    expect(started.evse).toEqual({ id: 1 });

    chargePoint.onSessionStarted(1, 1);
    await waitForEvent(env.csms, 'CablePluggedIn', (e) => e.triggerReason === 'CablePluggedIn', since);
    const events = eventsOf(env.csms, started.transactionInfo.transactionId, since);
    expectWellFormed(events);
    // remoteStartId only in the first event after the remote start (F01/F02).
    expect(events.map((e) => e.transactionInfo.remoteStartId)).toEqual([4711, undefined]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_11_CS Start transaction options - DataSigned', async () => {
    const since = await boot('DataSigned', { additions: [allTxPointsAddition] });
    chargePoint.onSessionStarted(1, 1);
    await present(chargePoint, tokens.valid, 'authorized');
    chargePoint.onMeterValue(1, energyReading(1_000, new Date()));
    await expectNoTransactionYet(since);

    chargePoint.onMeterValue(1, energyReading(1_010, new Date(), true));
    const started = await waitForEvent(env.csms, 'Started', (e) => e.eventType === 'Started', since);
    expect(summary(started)).toEqual({ eventType: 'Started', triggerReason: 'SignedDataReceived', chargingState: 'EVConnected', idToken: tokens.valid.idToken });
    expect(started.evse).toEqual({ id: 1, connectorId: 1 });
    // The start meter value is the signed reading that started it.
    const sampled = started.meterValue?.flatMap((mv) => mv.sampledValue) ?? [];
    expect(sampled).toEqual([expect.objectContaining({ value: 1_010, context: 'Transaction.Begin', signedMeterValue: expect.objectContaining({ signedMeterData: 'U0lHTkVE' }) })]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_01_CS Start transaction options - PowerPathClosed', async () => {
    const since = await boot('PowerPathClosed');
    chargePoint.onSessionStarted(1, 1);
    await expectNoTransactionYet(since);
    await present(chargePoint, tokens.valid, 'started');
    const transactionId = transactionIdOn(chargePoint, 1);
    chargePoint.onChargingStateChanged(1, 'Charging');
    await waitForEvent(env.csms, 'Charging', (e) => e.transactionInfo.chargingState === 'Charging', since);
    const events = eventsOf(env.csms, transactionId, since);
    expectWellFormed(events);
    expect(events.map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', chargingState: 'EVConnected', idToken: tokens.valid.idToken },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_02_CS Start transaction options - EnergyTransfer', async () => {
    const since = await boot('EnergyTransfer');
    chargePoint.onSessionStarted(1, 1);
    await present(chargePoint, tokens.valid, 'authorized');
    chargePoint.onChargingStateChanged(1, 'SuspendedEV');
    await expectNoTransactionYet(since);
    chargePoint.onChargingStateChanged(1, 'Charging');
    const started = await waitForEvent(env.csms, 'Started', (e) => e.eventType === 'Started', since);
    expect(summary(started)).toEqual({ eventType: 'Started', triggerReason: 'ChargingStateChanged', chargingState: 'Charging', idToken: tokens.valid.idToken });
    expect(started.evse).toEqual({ id: 1, connectorId: 1 });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_12_CS Start transaction options - ParkingBayOccupied', async () => {
    const since = await boot('ParkingBayOccupancy', { additions: [allTxPointsAddition] });
    chargePoint.onParkingBayOccupancy(1, true);
    const transactionId = transactionIdOn(chargePoint, 1);
    chargePoint.onSessionStarted(1, 1);
    await present(chargePoint, tokens.valid, 'updated');
    await waitForEvent(env.csms, 'Authorized', (e) => e.triggerReason === 'Authorized', since);
    const events = eventsOf(env.csms, transactionId, since);
    expectWellFormed(events);
    expect(events.map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'EVDetected' },
      { eventType: 'Updated', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected' },
      { eventType: 'Updated', triggerReason: 'Authorized', idToken: tokens.valid.idToken },
    ]);
    expect(events.map((e) => e.evse)).toEqual([{ id: 1 }, { id: 1, connectorId: 1 }, undefined]);
    expect(env.csms.violations).toEqual([]);
  });
});
