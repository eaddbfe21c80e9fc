import { describe, expect, it } from 'vitest';
import { FakeClock, type ChargePoint, type ReasonEnumType } from '@evstation/core';
import type { StationOptions } from '../support/station-harness.js';
import { stationPerTest } from '../support/station-per-test.js';
import { flushStation, stationCalls, statusNotifications, waitForCalls } from '../support/ocpp-frames.js';
import { advanceQuietly } from '../support/quiet-clock.js';
import { allTxPointsAddition, energyTransferStarted, present, setVariables, transactionIdOn } from '../support/charging-session.js';
import { tokens } from '../support/token-csms.js';
import { eventsOf, expectWellFormed, summary, transactionEvents, waitForEnded, waitForEvent } from '../support/transaction-events.js';

/*
 * E06 stop points (OCTT "Stop transaction options"): each case sets TxStopPoint (and the related TxCtrlr variables)
 * over the wire, reaches EnergyTransferStarted with the default TxStartPoint PowerPathClosed (cable, card, Charging),
 * then does what ends, or does not yet end, the transaction. The station's cables are detachable, so it knows whether a
 * cable was pulled at the EV ('ev') or at the station ('station').
 *
 * TC_E_16_CS (Deauthorized - Invalid idToken) starts in the OCTT's StartOfflineTransaction state and is in
 * tc-e-offline.test.ts with the other cases that need the connection dropped.
 */
describe('E06 stop points against a strict CSMS (SQLite file)', () => {
  const env = stationPerTest();
  let chargePoint: ChargePoint;
  let stops: [number, ReasonEnumType][];

  async function boot(settings: Record<string, string>, options: Partial<Omit<StationOptions, 'csmsUrl' | 'dbPath'>> = {}): Promise<void> {
    stops = [];
    await env.boot({
      callbacks: {
        stopTransaction: (evseId, reason) => void stops.push([evseId, reason]),
        // The connector lock answers; no case here checks it (tc-e-ev-side-disconnect.test.ts does).
        unlockConnector: () => Promise.resolve('Unlocked'),
      },
      ...options,
    });
    chargePoint = env.station.chargePoint;
    await setVariables(env.client, settings);
  }

  /** Boots with `settings`, reaches EnergyTransferStarted on EVSE 1 and returns the transactionId and the ledger index after it. */
  async function charging(settings: Record<string, string>, options: Partial<Omit<StationOptions, 'csmsUrl' | 'dbPath'>> = {}): Promise<{ transactionId: string; since: number; from: number }> {
    await boot(settings, options);
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    return { transactionId, since, from: env.csms.ledger.length };
  }

  /** The transaction's events after EnergyTransferStarted, once its Ended arrived; the whole stream checked. */
  async function endOf(transactionId: string, since: number, from: number) {
    await waitForEnded(env.csms, transactionId, from);
    const events = eventsOf(env.csms, transactionId, since);
    expectWellFormed(events);
    expect(chargePoint.activeTransactions()).toEqual([]);
    return eventsOf(env.csms, transactionId, from).map(summary);
  }

  /** Charging with `settings`, the EV pauses and the cable is pulled out at the EV: the transaction ends there (EVDisconnected). */
  async function endsAtEvSideUnplug(settings: Record<string, string>): Promise<void> {
    const { transactionId, since, from } = await charging(settings);
    chargePoint.onChargingStateChanged(1, 'SuspendedEV');
    chargePoint.onSessionFinished(1, 1, 'ev');
    expect(await endOf(transactionId, since, from)).toEqual([
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEV' },
      { eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
    ]);
    expect(env.csms.violations).toEqual([]);
  }

  it('TC_E_14_CS Stop transaction options - EVDisconnected - Charging Station side', async () => {
    const { transactionId, since, from } = await charging({ 'TxCtrlr.TxStopPoint': 'EVConnected' });
    // Reusable state EVConnectedPostSession: the driver stops with the card; the transaction outlives the authorization.
    await present(chargePoint, tokens.valid, 'stopped');
    chargePoint.onSessionFinished(1, 1, 'station');
    expect(await endOf(transactionId, since, from)).toEqual([
      { eventType: 'Updated', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', idToken: tokens.valid.idToken },
      { eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'Local' },
    ]);
    await waitForCalls(env.csms, 'StatusNotification', 1, from);
    expect(statusNotifications(env.csms, from)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Available' }]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_20_CS Stop transaction options - EVDisconnected - EV side (able to charge IEC 61851-1 EV)', async () => {
    await endsAtEvSideUnplug({ 'TxCtrlr.TxStopPoint': 'EVConnected', 'TxCtrlr.StopTxOnEVSideDisconnect': 'false' });
  });

  it('TC_E_54_CS Stop transaction options - EVDisconnected - EV side (not able to charge IEC 61851-1 EV)', async () => {
    await boot({ 'TxCtrlr.TxStopPoint': 'EVConnected', 'TxCtrlr.StopTxOnEVSideDisconnect': 'false' });
    const since = env.csms.ledger.length;
    chargePoint.onSessionStarted(1, 1);
    await present(chargePoint, tokens.valid, 'started');
    const transactionId = transactionIdOn(chargePoint, 1);
    // The EV never draws energy.
    chargePoint.onChargingStateChanged(1, 'SuspendedEV');
    chargePoint.onSessionFinished(1, 1, 'ev');
    expect(await endOf(transactionId, since, since)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', chargingState: 'EVConnected', idToken: tokens.valid.idToken },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEV' },
      { eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
    ]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_15_CS Stop transaction options - StopAuthorized - Local', async () => {
    const { transactionId, since, from } = await charging({ 'TxCtrlr.TxStopPoint': 'Authorized' });
    await present(chargePoint, tokens.valid, 'stopped');
    expect(await endOf(transactionId, since, from)).toEqual([{ eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: tokens.valid.idToken }]);
    // E07: the card that started the transaction stops it without another AuthorizeRequest.
    expect(stationCalls(env.csms, 'Authorize', from)).toEqual([]);
    expect(stops).toEqual([[1, 'Local']]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_21_CS Stop transaction options - StopAuthorized - Remote', async () => {
    const { transactionId, since, from } = await charging({ 'TxCtrlr.TxStopPoint': 'Authorized' });
    await expect(env.client.call('RequestStopTransaction', { transactionId })).resolves.toEqual({ status: 'Accepted' });
    expect(await endOf(transactionId, since, from)).toEqual([{ eventType: 'Ended', triggerReason: 'RemoteStop', chargingState: 'EVConnected', stoppedReason: 'Remote' }]);
    expect(stops).toEqual([[1, 'Remote']]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_17_CS Stop transaction options - Deauthorized - EV side disconnect', async () => {
    await endsAtEvSideUnplug({ 'TxCtrlr.TxStopPoint': 'Authorized', 'TxCtrlr.StopTxOnEVSideDisconnect': 'true' });
  });

  it('TC_E_39_CS Stop transaction options - Deauthorized - timeout', async () => {
    const clock = new FakeClock(new Date());
    await boot({ 'TxCtrlr.TxStartPoint': 'Authorized', 'TxCtrlr.TxStopPoint': 'Authorized', 'TxCtrlr.EVConnectionTimeOut': '20' }, { clock });
    const since = env.csms.ledger.length;
    await present(chargePoint, tokens.valid, 'started');
    const transactionId = transactionIdOn(chargePoint, 1);
    await advanceQuietly(clock, env.station.frames, 19_999);
    expect(transactionEvents(env.csms, since).map(summary)).toEqual([{ eventType: 'Started', triggerReason: 'Authorized', idToken: tokens.valid.idToken }]);
    await advanceQuietly(clock, env.station.frames, 1);
    expect(await endOf(transactionId, since, since)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', idToken: tokens.valid.idToken },
      { eventType: 'Ended', triggerReason: 'EVConnectTimeout', stoppedReason: 'Timeout' },
    ]);

    // The EV arrives too late: the connector is Occupied, but nothing charges and no transaction starts.
    const late = env.csms.ledger.length;
    chargePoint.onSessionStarted(1, 1);
    await waitForCalls(env.csms, 'StatusNotification', 1, late);
    await flushStation(env.csms, env.client);
    expect(statusNotifications(env.csms, late)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    expect(transactionEvents(env.csms, late)).toEqual([]);
    expect(chargePoint.isAuthorized(1)).toBe(false);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_07_CS Stop transaction options - PowerPathClosed - Local stop', async () => {
    const { transactionId, since, from } = await charging({ 'TxCtrlr.TxStopPoint': 'PowerPathClosed' });
    await present(chargePoint, tokens.valid, 'stopped');
    expect(await endOf(transactionId, since, from)).toEqual([{ eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: tokens.valid.idToken }]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_35_CS Stop transaction options - PowerPathClosed - Remote stop', async () => {
    const { transactionId, since, from } = await charging({ 'TxCtrlr.TxStopPoint': 'PowerPathClosed' });
    await expect(env.client.call('RequestStopTransaction', { transactionId })).resolves.toEqual({ status: 'Accepted' });
    expect(await endOf(transactionId, since, from)).toEqual([{ eventType: 'Ended', triggerReason: 'RemoteStop', chargingState: 'EVConnected', stoppedReason: 'Remote' }]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_37_CS Stop transaction options - PowerPathClosed - EV side disconnect', async () => {
    await endsAtEvSideUnplug({ 'TxCtrlr.TxStopPoint': 'PowerPathClosed', 'TxCtrlr.StopTxOnEVSideDisconnect': 'false' });
  });

  it('TC_E_08_CS Stop transaction options - EnergyTransfer stopped - StopAuthorized', async () => {
    const { transactionId, since, from } = await charging({ 'TxCtrlr.TxStopPoint': 'EnergyTransfer' });
    await present(chargePoint, tokens.valid, 'stopped');
    expect(await endOf(transactionId, since, from)).toEqual([{ eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: tokens.valid.idToken }]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_22_CS Stop transaction options - EnergyTransfer stopped - SuspendedEV', async () => {
    const { transactionId, since, from } = await charging({ 'TxCtrlr.TxStopPoint': 'EnergyTransfer' });
    chargePoint.onChargingStateChanged(1, 'SuspendedEV');
    expect(await endOf(transactionId, since, from)).toEqual([{ eventType: 'Ended', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEV', stoppedReason: 'StoppedByEV' }]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_19_CS Stop transaction options - ParkingBayUnoccupied', async () => {
    await boot({ 'TxCtrlr.TxStopPoint': 'ParkingBayOccupancy' }, { additions: [allTxPointsAddition] });
    chargePoint.onParkingBayOccupancy(1, true);
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    const from = env.csms.ledger.length;
    await present(chargePoint, tokens.valid, 'stopped');
    chargePoint.onSessionFinished(1, 1, 'station');
    await waitForEvent(env.csms, 'EVCommunicationLost', (e) => e.triggerReason === 'EVCommunicationLost', from);
    expect(chargePoint.activeTransactions().map((t) => t.transactionId)).toEqual([transactionId]);
    // The transaction outlives card and cable: it ends when the EV leaves the bay.
    chargePoint.onParkingBayOccupancy(1, false);
    expect(await endOf(transactionId, since, from)).toEqual([
      { eventType: 'Updated', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', idToken: tokens.valid.idToken },
      { eventType: 'Updated', triggerReason: 'EVCommunicationLost', chargingState: 'Idle' },
      { eventType: 'Ended', triggerReason: 'EVDeparted', stoppedReason: 'Local' },
    ]);
    expect(env.csms.violations).toEqual([]);
  });
});
