import { describe, expect, it } from 'vitest';
import { FakeClock, type ChargePoint } from '@evstation/core';
import type { StationOptions } from '../support/station-harness.js';
import { stationPerTest } from '../support/station-per-test.js';
import { statusNotifications, waitForCalls } from '../support/ocpp-frames.js';
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
  const env = stationPerTest();
  let chargePoint: ChargePoint;
  let unlocks: [number, number][];

  /** Boots with `settings` and reaches EnergyTransferSuspended on EVSE 1. */
  async function suspended(settings: Record<string, string>, options: Partial<Omit<StationOptions, 'csmsUrl' | 'dbPath'>> = {}) {
    unlocks = [];
    const callbacks = {
      unlockConnector: (evseId: number, connectorId: number) => {
        unlocks.push([evseId, connectorId]);
        return Promise.resolve('Unlocked' as const);
      },
    };
    await env.boot({ callbacks, ...options });
    chargePoint = env.station.chargePoint;
    await setVariables(env.client, settings);
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    chargePoint.onChargingStateChanged(1, 'SuspendedEV');
    await waitForEvent(env.csms, 'SuspendedEV', (e) => e.transactionInfo.chargingState === 'SuspendedEV', since);
    return { transactionId, since, from: env.csms.ledger.length };
  }

  /** StopTxOnEVSideDisconnect true, TxStopPoint Authorized: the cable pulled out at the EV ends the transaction, the connector is Available. */
  async function deauthorizedAtEvSideUnplug(unlockOnEvSideDisconnect: 'true' | 'false'): Promise<void> {
    const { transactionId, since, from } = await suspended({
      'TxCtrlr.TxStopPoint': 'Authorized',
      'TxCtrlr.StopTxOnEVSideDisconnect': 'true',
      'OCPPCommCtrlr.UnlockOnEVSideDisconnect': unlockOnEvSideDisconnect,
    });
    chargePoint.onSessionFinished(1, 1, 'ev');
    await waitForEnded(env.csms, transactionId, from);
    expectWellFormed(eventsOf(env.csms, transactionId, since));
    expect(eventsOf(env.csms, transactionId, from).map(summary)).toEqual([
      { eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
    ]);
    await waitForCalls(env.csms, 'StatusNotification', 1, from);
    expect(statusNotifications(env.csms, from)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Available' }]);
  }

  it('TC_E_24_CS Disconnect cable on EV-side - Deauthorize transaction - UnlockOnEVSideDisconnect is true', async () => {
    await deauthorizedAtEvSideUnplug('true');
    expect(unlocks).toEqual([[1, 1]]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_25_CS Disconnect cable on EV-side - Deauthorize transaction - UnlockOnEVSideDisconnect is false', async () => {
    await deauthorizedAtEvSideUnplug('false');
    expect(unlocks).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_26_CS Disconnect cable on EV-side - Suspend transaction', async () => {
    const { transactionId, since, from } = await suspended({ 'TxCtrlr.TxStopPoint': 'Authorized', 'TxCtrlr.StopTxOnEVSideDisconnect': 'false' });
    chargePoint.onSessionFinished(1, 1, 'ev');
    await waitForEvent(env.csms, 'EVCommunicationLost', (e) => e.triggerReason === 'EVCommunicationLost', from);
    await waitForCalls(env.csms, 'StatusNotification', 1, from);
    expect(statusNotifications(env.csms, from)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Available' }]);
    // E10.FR.01: the connector stays locked (UnlockOnEVSideDisconnect is true, but the transaction goes on).
    expect(unlocks).toEqual([]);
    expect(chargePoint.isAuthorized(1)).toBe(true);

    chargePoint.onSessionStarted(1, 1);
    chargePoint.onChargingStateChanged(1, 'Charging');
    await waitForEvent(env.csms, 'Charging again', (e) => e.transactionInfo.chargingState === 'Charging', from);
    const events = eventsOf(env.csms, transactionId, since);
    expectWellFormed(events);
    expect(eventsOf(env.csms, transactionId, from).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'EVCommunicationLost', chargingState: 'Idle' },
      { eventType: 'Updated', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected' },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(chargePoint.activeTransactions().map((t) => t.transactionId)).toEqual([transactionId]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_27_CS Disconnect cable on EV-side - Suspend transaction - Fixed cable connection timeout', async () => {
    const clock = new FakeClock(new Date());
    const { transactionId, since, from } = await suspended(
      { 'TxCtrlr.TxStopPoint': 'Authorized', 'TxCtrlr.StopTxOnEVSideDisconnect': 'false', 'TxCtrlr.EVConnectionTimeOut': '45', 'SampledDataCtrlr.TxUpdatedInterval': '0' },
      { clock },
    );
    chargePoint.onSessionFinished(1, 1, 'ev');
    await waitForEvent(env.csms, 'EVCommunicationLost', (e) => e.triggerReason === 'EVCommunicationLost', from);
    await advanceQuietly(clock, env.station.frames, 44_999);
    expect(chargePoint.activeTransactions().map((t) => t.transactionId)).toEqual([transactionId]);
    await advanceQuietly(clock, env.station.frames, 1);
    await waitForEnded(env.csms, transactionId, from);
    expectWellFormed(eventsOf(env.csms, transactionId, since));
    expect(eventsOf(env.csms, transactionId, from).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'EVCommunicationLost', chargingState: 'Idle' },
      { eventType: 'Ended', triggerReason: 'EVConnectTimeout', stoppedReason: 'Timeout' },
    ]);
    expect(chargePoint.isAuthorized(1)).toBe(false);
    expect(unlocks).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });
});
