import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, type ChargePoint } from '@evstation/core';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';
import { startBootedStation, tempDatabase, type RunningStation, type StationOptions } from '../support/station-harness.js';
import { acceptingHandlers, statusNotifications, waitForCalls } from '../support/ocpp-frames.js';
import { advanceQuietly } from '../support/quiet-clock.js';
import { energyTransferStarted, setVariables } from '../support/charging-session.js';
import { eventsOf, expectWellFormed, summary, waitForEnded, waitForEvent } from '../support/transaction-events.js';

/*
 * E09/E10 the cable pulled out of the EV (OCTT "Disconnect cable on EV-side"): the station's cables are detachable and
 * it tells the ChargePoint which side was unplugged. StopTxOnEVSideDisconnect true deauthorizes (and, with TxStopPoint
 * Authorized, ends) the transaction and UnlockOnEVSideDisconnect decides whether the connector is released; false
 * suspends the transaction and keeps the connector locked for the driver (E10.FR.01) until the EV returns or
 * EVConnectionTimeOut ends it. Each case starts from EnergyTransferSuspended (the EV paused charging).
 */
describe('E09/E10 EV-side disconnect against a strict CSMS (SQLite file)', () => {
  let csms: StrictCsms;
  let db: { path: string; dispose: () => void };
  let station: RunningStation;
  let client: CsmsClient;
  let chargePoint: ChargePoint;
  let unlocks: [number, number][];

  /** Boots with `settings` and reaches EnergyTransferSuspended on EVSE 1. */
  async function suspended(settings: Record<string, string>, options: Partial<Omit<StationOptions, 'csmsUrl' | 'dbPath'>> = {}) {
    unlocks = [];
    csms = await StrictCsms.start({ handlers: acceptingHandlers() });
    db = tempDatabase();
    const callbacks = {
      unlockConnector: (evseId: number, connectorId: number) => {
        unlocks.push([evseId, connectorId]);
        return Promise.resolve('Unlocked' as const);
      },
    };
    ({ station, client } = await startBootedStation(csms, { dbPath: db.path, callbacks, ...options }));
    chargePoint = station.chargePoint;
    await setVariables(client, settings);
    const since = csms.ledger.length;
    const transactionId = await energyTransferStarted(csms, chargePoint);
    chargePoint.onChargingStateChanged(1, 'SuspendedEV');
    await waitForEvent(csms, 'SuspendedEV', (e) => e.transactionInfo.chargingState === 'SuspendedEV', since);
    return { transactionId, since, from: csms.ledger.length };
  }

  /** StopTxOnEVSideDisconnect true, TxStopPoint Authorized: the cable pulled out at the EV ends the transaction, the connector is Available. */
  async function deauthorizedAtEvSideUnplug(unlockOnEvSideDisconnect: 'true' | 'false'): Promise<void> {
    const { transactionId, since, from } = await suspended({
      'TxCtrlr.TxStopPoint': 'Authorized',
      'TxCtrlr.StopTxOnEVSideDisconnect': 'true',
      'OCPPCommCtrlr.UnlockOnEVSideDisconnect': unlockOnEvSideDisconnect,
    });
    chargePoint.onSessionFinished(1, 1, 'ev');
    await waitForEnded(csms, transactionId, from);
    expectWellFormed(eventsOf(csms, transactionId, since));
    expect(eventsOf(csms, transactionId, from).map(summary)).toEqual([
      { eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
    ]);
    await waitForCalls(csms, 'StatusNotification', 1, from);
    expect(statusNotifications(csms, from)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Available' }]);
  }

  afterEach(async () => {
    await station.stop();
    await csms.close();
    db.dispose();
  });

  it('TC_E_24_CS Disconnect cable on EV-side - Deauthorize transaction - UnlockOnEVSideDisconnect is true', async () => {
    await deauthorizedAtEvSideUnplug('true');
    expect(unlocks).toEqual([[1, 1]]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_E_25_CS Disconnect cable on EV-side - Deauthorize transaction - UnlockOnEVSideDisconnect is false', async () => {
    await deauthorizedAtEvSideUnplug('false');
    expect(unlocks).toEqual([]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_E_26_CS Disconnect cable on EV-side - Suspend transaction', async () => {
    const { transactionId, since, from } = await suspended({ 'TxCtrlr.TxStopPoint': 'Authorized', 'TxCtrlr.StopTxOnEVSideDisconnect': 'false' });
    chargePoint.onSessionFinished(1, 1, 'ev');
    await waitForEvent(csms, 'EVCommunicationLost', (e) => e.triggerReason === 'EVCommunicationLost', from);
    await waitForCalls(csms, 'StatusNotification', 1, from);
    expect(statusNotifications(csms, from)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Available' }]);
    // E10.FR.01: the connector stays locked (UnlockOnEVSideDisconnect is true, but the transaction goes on).
    expect(unlocks).toEqual([]);
    expect(chargePoint.isAuthorized(1)).toBe(true);

    chargePoint.onSessionStarted(1, 1);
    chargePoint.onChargingStateChanged(1, 'Charging');
    await waitForEvent(csms, 'Charging again', (e) => e.transactionInfo.chargingState === 'Charging', from);
    const events = eventsOf(csms, transactionId, since);
    expectWellFormed(events);
    expect(eventsOf(csms, transactionId, from).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'EVCommunicationLost', chargingState: 'Idle' },
      { eventType: 'Updated', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected' },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(chargePoint.activeTransactions().map((t) => t.transactionId)).toEqual([transactionId]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_E_27_CS Disconnect cable on EV-side - Suspend transaction - Fixed cable connection timeout', async () => {
    const clock = new FakeClock(new Date());
    const { transactionId, since, from } = await suspended(
      { 'TxCtrlr.TxStopPoint': 'Authorized', 'TxCtrlr.StopTxOnEVSideDisconnect': 'false', 'TxCtrlr.EVConnectionTimeOut': '45', 'SampledDataCtrlr.TxUpdatedInterval': '0' },
      { clock },
    );
    chargePoint.onSessionFinished(1, 1, 'ev');
    await waitForEvent(csms, 'EVCommunicationLost', (e) => e.triggerReason === 'EVCommunicationLost', from);
    await advanceQuietly(clock, station.frames, 44_999);
    expect(chargePoint.activeTransactions().map((t) => t.transactionId)).toEqual([transactionId]);
    await advanceQuietly(clock, station.frames, 1);
    await waitForEnded(csms, transactionId, from);
    expectWellFormed(eventsOf(csms, transactionId, since));
    expect(eventsOf(csms, transactionId, from).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'EVCommunicationLost', chargingState: 'Idle' },
      { eventType: 'Ended', triggerReason: 'EVConnectTimeout', stoppedReason: 'Timeout' },
    ]);
    expect(chargePoint.isAuthorized(1)).toBe(false);
    expect(unlocks).toEqual([]);
    expect(csms.violations).toEqual([]);
  });
});
