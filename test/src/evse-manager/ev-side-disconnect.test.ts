import { describe, expect, it } from 'vitest';
import { flushStation, statusNotifications } from '../support/ocpp-frames.js';
import { evseStationPerTest } from '../support/evse-station.js';
import { eventsOf, expectWellFormed, summary } from '../support/transaction-events.js';
import { chargingByCard, EV_POWER_W, LOCK_MS, lockPulses, watchContactor } from './evse-steps.js';

/*
 * E09/E10 the cable pulled out of the EV while it stays in the station's socket: the simulated controller still reads
 * the cable's PP rating with the pilot back in A, so the evse-manager reports the unplug at the EV side, and the real
 * ChargePoint applies StopTxOnEVSideDisconnect / UnlockOnEVSideDisconnect; the socket's lock shows the outcome.
 */
describe('evse-manager with the real ChargePoint: EV-side disconnect (E09/E10)', () => {
  const { boot } = evseStationPerTest();

  /** Boots with `values`, charges on EVSE 1 by card and pulls the cable out of the EV. */
  async function unpluggedAtTheEv(values: Record<string, string>) {
    const station = await boot({ values });
    const { csms } = station;
    const since = csms.ledger.length;
    const transactionId = await chargingByCard(station);
    const unlocksBefore = lockPulses(station.evse(1), 'unlock');
    const from = csms.ledger.length;
    station.evse(1).command({ type: 'unplug', side: 'ev' });
    await station.run(LOCK_MS);
    await flushStation(csms, station.client);
    // Energy off at once in every case; the cable is still in the socket (PP read).
    expect(station.evse(1).snapshot()).toMatchObject({ plugged: false, cp: 'A', relayClosed: false, powerW: 0 });
    expect(station.evse(1).controller.status().cableRatingA).toBe(32);
    return { station, transactionId, since, from, unlocks: () => lockPulses(station.evse(1), 'unlock') - unlocksBefore };
  }

  it('TC_E_24_CS Disconnect cable on EV-side - Deauthorize transaction - UnlockOnEVSideDisconnect is true: Ended, the cable released', async () => {
    const { station, transactionId, since, from, unlocks } = await unpluggedAtTheEv({
      'TxCtrlr.TxStopPoint': 'Authorized',
      'TxCtrlr.StopTxOnEVSideDisconnect': 'true',
      'OCPPCommCtrlr.UnlockOnEVSideDisconnect': 'true',
    });
    expectWellFormed(eventsOf(station.csms, transactionId, since));
    expect(eventsOf(station.csms, transactionId, from).map(summary)).toEqual([
      { eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
    ]);
    expect(statusNotifications(station.csms, from)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Available' }]);
    expect(unlocks()).toBe(1);
    expect(station.evse(1).snapshot().lock).toBe('unlocked');
    expect(station.csms.violations).toEqual([]);
  });

  it('TC_E_25_CS Disconnect cable on EV-side - Deauthorize transaction - UnlockOnEVSideDisconnect is false: Ended, the cable stays locked until UnlockConnector', async () => {
    const { station, transactionId, from, unlocks } = await unpluggedAtTheEv({
      'TxCtrlr.TxStopPoint': 'Authorized',
      'TxCtrlr.StopTxOnEVSideDisconnect': 'true',
      'OCPPCommCtrlr.UnlockOnEVSideDisconnect': 'false',
    });
    expect(eventsOf(station.csms, transactionId, from).map(summary)).toEqual([
      { eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
    ]);
    await station.run(60_000);
    expect(unlocks()).toBe(0);
    expect(station.evse(1).snapshot().lock).toBe('locked');
    // F05 (TC_F_06_CS): the CSMS releases the cable.
    await expect(station.call('UnlockConnector', { evseId: 1, connectorId: 1 })).resolves.toEqual({ status: 'Unlocked' });
    expect(station.evse(1).snapshot().lock).toBe('unlocked');
    expect(station.csms.violations).toEqual([]);
  });

  it('TC_E_26_CS Disconnect cable on EV-side - Suspend transaction: the cable stays locked, the EV returns and charges on in the same transaction', async () => {
    const { station, transactionId, since, from, unlocks } = await unpluggedAtTheEv({
      'TxCtrlr.TxStopPoint': 'Authorized',
      'TxCtrlr.StopTxOnEVSideDisconnect': 'false',
      'OCPPCommCtrlr.UnlockOnEVSideDisconnect': 'true',
    });
    const contactor = watchContactor(station, 1);
    // E10.FR.01: kept locked for the driver although UnlockOnEVSideDisconnect is true.
    expect(unlocks()).toBe(0);
    expect(station.evse(1).snapshot().lock).toBe('locked');
    expect(station.station.chargePoint.isAuthorized(1)).toBe(true);

    station.evse(1).command({ type: 'plug-in' });
    await station.run(LOCK_MS);
    await flushStation(station.csms, station.client);
    expect(station.evse(1).snapshot()).toMatchObject({ cp: 'C', relayClosed: true, lock: 'locked', powerW: EV_POWER_W });
    expect(contactor).toEqual([{ lock: 'locked', authorized: true }]);
    expect(lockPulses(station.evse(1), 'lock')).toBe(1);
    expectWellFormed(eventsOf(station.csms, transactionId, since));
    expect(eventsOf(station.csms, transactionId, from).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'EVCommunicationLost', chargingState: 'Idle' },
      { eventType: 'Updated', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected' },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(statusNotifications(station.csms, from).map((n) => n.connectorStatus)).toEqual(['Available', 'Occupied']);
    expect(station.csms.violations).toEqual([]);
  });

  it('TC_E_20_CS EVDisconnected - EV side, StopTxOnEVSideDisconnect false: the EVConnected stop point ends it, so the cable is released (UnlockOnEVSideDisconnect)', async () => {
    const { station, transactionId, from, unlocks } = await unpluggedAtTheEv({
      'TxCtrlr.TxStopPoint': 'EVConnected,Authorized',
      'TxCtrlr.StopTxOnEVSideDisconnect': 'false',
      'OCPPCommCtrlr.UnlockOnEVSideDisconnect': 'true',
    });
    expect(eventsOf(station.csms, transactionId, from).map(summary)).toEqual([
      { eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
    ]);
    // No transaction left to return to: the cable is not held in the socket.
    expect(unlocks()).toBe(1);
    expect(station.evse(1).snapshot().lock).toBe('unlocked');
    expect(station.station.chargePoint.activeTransactions()).toEqual([]);
    expect(station.csms.violations).toEqual([]);
  });
});
