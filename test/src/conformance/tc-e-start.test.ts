import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, type ChargePoint } from '@evstation/core';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';
import { startBootedStation, tempDatabase, type RunningStation, type StationOptions } from '../support/station-harness.js';
import { acceptingHandlers, flushStation, stationCalls, statusNotifications, waitForCalls } from '../support/ocpp-frames.js';
import { advanceQuietly } from '../support/quiet-clock.js';
import { present, setVariables, TOKEN, transactionIdOn } from '../support/charging-session.js';
import { eventsOf, expectWellFormed, summary, transactionEvents, waitForEvent } from '../support/transaction-events.js';

/*
 * E02/E03 local start (OCTT Part 6 "Local start transaction"), with the station's default TxStartPoint PowerPathClosed
 * and TxStopPoint EVConnected,Authorized: the transaction starts once the driver is authorized AND the cable is in,
 * whichever comes last. TC_E_38_CS (EV not ready) is a Local start case of the authorization list and lives with them.
 */
describe('E02/E03 local start against a strict CSMS (SQLite file)', () => {
  let csms: StrictCsms;
  let db: { path: string; dispose: () => void };
  let station: RunningStation;
  let client: CsmsClient;
  let chargePoint: ChargePoint;

  async function boot(options: Partial<Omit<StationOptions, 'csmsUrl' | 'dbPath'>> = {}): Promise<void> {
    csms = await StrictCsms.start({ handlers: acceptingHandlers() });
    db = tempDatabase();
    ({ station, client } = await startBootedStation(csms, { dbPath: db.path, ...options }));
    chargePoint = station.chargePoint;
  }

  afterEach(async () => {
    await station.stop();
    await csms.close();
    db.dispose();
  });

  it('TC_E_03_CS Local start transaction - Cable plugin first - Success', async () => {
    await boot();
    const since = csms.ledger.length;
    chargePoint.onSessionStarted(1, 1);
    await waitForCalls(csms, 'StatusNotification', 1, since);
    await flushStation(csms, client);
    expect(statusNotifications(csms, since)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    expect(transactionEvents(csms, since)).toEqual([]);

    await present(chargePoint, TOKEN, 'started');
    chargePoint.onChargingStateChanged(1, 'Charging');
    const transactionId = transactionIdOn(chargePoint, 1);
    await waitForEvent(csms, 'Charging', (e) => e.transactionInfo.chargingState === 'Charging', since);
    expect(stationCalls(csms, 'Authorize', since)).toEqual([{ idToken: TOKEN }]);
    const events = eventsOf(csms, transactionId, since);
    expectWellFormed(events);
    expect(events.map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', chargingState: 'EVConnected', idToken: TOKEN.idToken },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(events[0]?.evse).toEqual({ id: 1, connectorId: 1 });
    expect(events[0]?.idToken).toEqual(TOKEN);
    expect(csms.violations).toEqual([]);
  });

  it('TC_E_04_CS Local start transaction - Authorization first - Success', async () => {
    await boot();
    const since = csms.ledger.length;
    await present(chargePoint, TOKEN, 'authorized');
    await flushStation(csms, client);
    expect(stationCalls(csms, 'Authorize', since)).toEqual([{ idToken: TOKEN }]);
    expect(transactionEvents(csms, since)).toEqual([]);

    chargePoint.onSessionStarted(1, 1);
    chargePoint.onChargingStateChanged(1, 'Charging');
    const transactionId = transactionIdOn(chargePoint, 1);
    await waitForEvent(csms, 'Charging', (e) => e.transactionInfo.chargingState === 'Charging', since);
    const events = eventsOf(csms, transactionId, since);
    expectWellFormed(events);
    expect(events.map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected', idToken: TOKEN.idToken },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(events[0]?.evse).toEqual({ id: 1, connectorId: 1 });
    expect(statusNotifications(csms, since)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_E_05_CS Local start transaction - Authorization first - Cable plugin timeout', async () => {
    const clock = new FakeClock(new Date());
    const authorizationChanges: [number, boolean][] = [];
    await boot({ clock, callbacks: { authorizationChanged: (evseId, authorized) => void authorizationChanges.push([evseId, authorized]) } });
    await setVariables(client, { 'TxCtrlr.EVConnectionTimeOut': '30' });
    const since = csms.ledger.length;

    await present(chargePoint, TOKEN, 'authorized');
    expect(chargePoint.isAuthorized(1)).toBe(true);
    await advanceQuietly(clock, station.frames, 29_999);
    expect(chargePoint.isAuthorized(1)).toBe(true);
    await advanceQuietly(clock, station.frames, 1);
    // E03 EVConnectionTimeOut: the authorization is withdrawn; with TxStartPoint PowerPathClosed no transaction had started.
    expect(chargePoint.isAuthorized(1)).toBe(false);
    expect(authorizationChanges).toEqual([
      [1, true],
      [1, false],
    ]);

    // The EVSE is ready for a new session: the late cable starts nothing; the card again starts a transaction.
    chargePoint.onSessionStarted(1, 1);
    await flushStation(csms, client);
    expect(transactionEvents(csms, since)).toEqual([]);
    await present(chargePoint, TOKEN, 'started');
    const started = await waitForEvent(csms, 'Started', (e) => e.eventType === 'Started', since);
    expect(summary(started)).toEqual({ eventType: 'Started', triggerReason: 'Authorized', chargingState: 'EVConnected', idToken: TOKEN.idToken });
    expect(stationCalls(csms, 'Authorize', since)).toHaveLength(2);
    expect(csms.violations).toEqual([]);
  });

  it('TC_E_52_CS Local start transaction - Authorization first - DisableRemoteAuthorization', async () => {
    await boot();
    await setVariables(client, { 'AuthCtrlr.DisableRemoteAuthorization': 'true' });
    const since = csms.ledger.length;
    const unknown = { idToken: 'UNKNOWN-TOKEN-999', type: 'ISO14443' } as const;

    const result = await chargePoint.presentIdToken(unknown, { evseId: 1 });
    expect(result.outcome).toBe('ignored');
    expect(result.idTokenInfo.status).not.toBe('Accepted');
    chargePoint.onSessionStarted(1, 1);
    await waitForCalls(csms, 'StatusNotification', 1, since);
    await flushStation(csms, client);
    // C10/C12 with DisableRemoteAuthorization: the token is looked up locally only, never sent in an AuthorizeRequest.
    expect(stationCalls(csms, 'Authorize', since)).toEqual([]);
    expect(transactionEvents(csms, since)).toEqual([]);
    expect(chargePoint.isAuthorized(1)).toBe(false);
    expect(statusNotifications(csms, since)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    expect(csms.violations).toEqual([]);
  });
});
