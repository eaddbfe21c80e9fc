import { describe, expect, it } from 'vitest';
import { FakeClock, type ChargePoint } from '@evstation/core';
import type { StationOptions } from '../support/station-harness.js';
import { stationPerTest } from '../support/station-per-test.js';
import { flushStation, stationCalls, statusNotifications, waitForCalls } from '../support/ocpp-frames.js';
import { advanceQuietly } from '../support/quiet-clock.js';
import { present, setVariables, transactionIdOn } from '../support/charging-session.js';
import { tokens } from '../support/token-csms.js';
import { eventsOf, expectWellFormed, summary, transactionEvents, waitForEvent } from '../support/transaction-events.js';

/*
 * E02/E03 local start (OCTT Part 6 "Local start transaction"), with the station's default TxStartPoint PowerPathClosed
 * and TxStopPoint EVConnected,Authorized: the transaction starts once the driver is authorized AND the cable is in,
 * whichever comes last. TC_E_38_CS (EV not ready) is a Local start case of the authorization list and lives with them.
 */
describe('E02/E03 local start against a strict CSMS (SQLite file)', () => {
  const env = stationPerTest();
  let chargePoint: ChargePoint;

  async function boot(options: Partial<Omit<StationOptions, 'csmsUrl' | 'dbPath'>> = {}): Promise<void> {
    await env.boot({ ...options });
    chargePoint = env.station.chargePoint;
  }

  it('TC_E_03_CS Local start transaction - Cable plugin first - Success', async () => {
    await boot();
    const since = env.csms.ledger.length;
    chargePoint.onSessionStarted(1, 1);
    await waitForCalls(env.csms, 'StatusNotification', 1, since);
    await flushStation(env.csms, env.client);
    expect(statusNotifications(env.csms, since)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    expect(transactionEvents(env.csms, since)).toEqual([]);

    await present(chargePoint, tokens.valid, 'started');
    chargePoint.onChargingStateChanged(1, 'Charging');
    const transactionId = transactionIdOn(chargePoint, 1);
    await waitForEvent(env.csms, 'Charging', (e) => e.transactionInfo.chargingState === 'Charging', since);
    expect(stationCalls(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.valid }]);
    const events = eventsOf(env.csms, transactionId, since);
    expectWellFormed(events);
    expect(events.map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', chargingState: 'EVConnected', idToken: tokens.valid.idToken },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(events[0]?.evse).toEqual({ id: 1, connectorId: 1 });
    expect(events[0]?.idToken).toEqual(tokens.valid);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_04_CS Local start transaction - Authorization first - Success', async () => {
    await boot();
    const since = env.csms.ledger.length;
    await present(chargePoint, tokens.valid, 'authorized');
    await flushStation(env.csms, env.client);
    expect(stationCalls(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.valid }]);
    expect(transactionEvents(env.csms, since)).toEqual([]);

    chargePoint.onSessionStarted(1, 1);
    chargePoint.onChargingStateChanged(1, 'Charging');
    const transactionId = transactionIdOn(chargePoint, 1);
    await waitForEvent(env.csms, 'Charging', (e) => e.transactionInfo.chargingState === 'Charging', since);
    const events = eventsOf(env.csms, transactionId, since);
    expectWellFormed(events);
    expect(events.map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected', idToken: tokens.valid.idToken },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(events[0]?.evse).toEqual({ id: 1, connectorId: 1 });
    expect(statusNotifications(env.csms, since)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_05_CS Local start transaction - Authorization first - Cable plugin timeout', async () => {
    const clock = new FakeClock(new Date());
    const authorizationChanges: [number, boolean][] = [];
    await boot({ clock, callbacks: { authorizationChanged: (evseId, authorized) => void authorizationChanges.push([evseId, authorized]) } });
    await setVariables(env.client, { 'TxCtrlr.EVConnectionTimeOut': '30' });
    const since = env.csms.ledger.length;

    await present(chargePoint, tokens.valid, 'authorized');
    expect(chargePoint.isAuthorized(1)).toBe(true);
    await advanceQuietly(clock, env.station.frames, 29_999);
    expect(chargePoint.isAuthorized(1)).toBe(true);
    await advanceQuietly(clock, env.station.frames, 1);
    // E03 EVConnectionTimeOut: the authorization is withdrawn; with TxStartPoint PowerPathClosed no transaction had started.
    expect(chargePoint.isAuthorized(1)).toBe(false);
    expect(authorizationChanges).toEqual([
      [1, true],
      [1, false],
    ]);

    // The EVSE is ready for a new session: the late cable starts nothing; the card again starts a transaction.
    chargePoint.onSessionStarted(1, 1);
    await flushStation(env.csms, env.client);
    expect(transactionEvents(env.csms, since)).toEqual([]);
    await present(chargePoint, tokens.valid, 'started');
    const started = await waitForEvent(env.csms, 'Started', (e) => e.eventType === 'Started', since);
    expect(summary(started)).toEqual({ eventType: 'Started', triggerReason: 'Authorized', chargingState: 'EVConnected', idToken: tokens.valid.idToken });
    expect(stationCalls(env.csms, 'Authorize', since)).toHaveLength(2);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_52_CS Local start transaction - Authorization first - DisableRemoteAuthorization', async () => {
    await boot();
    await setVariables(env.client, { 'AuthCtrlr.DisableRemoteAuthorization': 'true' });
    const since = env.csms.ledger.length;
    const unknown = { idToken: 'UNKNOWN-TOKEN-999', type: 'ISO14443' } as const;

    const result = await chargePoint.presentIdToken(unknown, { evseId: 1 });
    expect(result.outcome).toBe('ignored');
    expect(result.idTokenInfo.status).not.toBe('Accepted');
    chargePoint.onSessionStarted(1, 1);
    await waitForCalls(env.csms, 'StatusNotification', 1, since);
    await flushStation(env.csms, env.client);
    // C10/C12 with DisableRemoteAuthorization: the token is looked up locally only, never sent in an AuthorizeRequest.
    expect(stationCalls(env.csms, 'Authorize', since)).toEqual([]);
    expect(transactionEvents(env.csms, since)).toEqual([]);
    expect(chargePoint.isAuthorized(1)).toBe(false);
    expect(statusNotifications(env.csms, since)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    expect(env.csms.violations).toEqual([]);
  });
});
