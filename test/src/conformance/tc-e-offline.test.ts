import { describe, expect, it } from 'vitest';
import { FakeClock, type ChargePoint, type ReasonEnumType, type TransactionEventRequest } from '@evstation/core';
import type { CsmsClient } from '../support/strict-csms.js';
import { stationPerTest } from '../support/station-per-test.js';
import { stationActions, stationCalls, waitForNewClient, waitUntil } from '../support/ocpp-frames.js';
import { advanceQuietly } from '../support/quiet-clock.js';
import { configValues, energyTransferStarted, present, setVariables, transactionIdOn } from '../support/charging-session.js';
import { GROUP, TokenDirectory, tokens } from '../support/token-csms.js';
import { eventsOf, expectWellFormed, summary, waitForEnded, waitForEvent } from '../support/transaction-events.js';

/*
 * E04/E08/E11/E12 offline behaviour (OCTT "Offline behaviour"), on a FakeClock: the CSMS drops the websocket, the
 * station notices, things happen while it is offline, and after RetryBackOffWaitMinimum (5 s, no random part) it
 * reconnects on its own, without a new BootNotification, and delivers the queued TransactionEvents first, in order.
 * Events generated offline carry offline true (E04.FR.03); no other event does. Offline tokens are decided from the
 * authorization cache (AuthCtrlr.LocalAuthorizeOffline true, the default), filled by an earlier AuthorizeResponse.
 */
const RECONNECT_MS = 5_000;

describe('Offline transactions against a strict CSMS (SQLite file, FakeClock)', () => {
  let directory: TokenDirectory;
  const env = stationPerTest(() => {
    // Both cards are in GROUP when authorized; a TransactionEvent that carries one is answered Accepted (TC_E_16: Invalid).
    directory = new TokenDirectory();
    for (const card of [tokens.valid, tokens.valid2]) directory.set(card, { status: 'Accepted', groupIdToken: GROUP }).setForTransactions(card, { status: 'Accepted' });
    return { handlers: directory.handlers() };
  });
  let client: CsmsClient;
  let chargePoint: ChargePoint;
  let clock: FakeClock;
  let stops: [number, ReasonEnumType][];

  async function boot(settings: Record<string, string> = {}): Promise<void> {
    stops = [];
    clock = new FakeClock(new Date());
    ({ client } = await env.boot({
      clock,
      values: configValues({
        'OCPPCommCtrlr.RetryBackOffWaitMinimum': String(RECONNECT_MS / 1000),
        'OCPPCommCtrlr.RetryBackOffRandomRange': '0',
        'OCPPCommCtrlr.RetryBackOffRepeatTimes': '0',
        'SampledDataCtrlr.TxUpdatedInterval': '0',
      }),
      callbacks: { stopTransaction: (evseId, reason) => void stops.push([evseId, reason]) },
    }));
    chargePoint = env.station.chargePoint;
    if (Object.keys(settings).length > 0) await setVariables(client, settings);
  }

  /** The CSMS drops the connection once every CALL is answered; resolves when the station knows it is offline. */
  async function goOffline(): Promise<void> {
    await env.station.frames.settled();
    await client.close({ force: true });
    await waitUntil(() => !chargePoint.isConnected, 'the station to notice the dropped connection');
  }

  /** Lets the back-off pass; resolves with the ledger index where the new connection's frames begin. */
  async function comeBack(): Promise<number> {
    const clientsBefore = env.csms.clients.length;
    const since = env.csms.ledger.length;
    await advanceQuietly(clock, env.station.frames, RECONNECT_MS);
    client = await waitForNewClient(env.csms, clientsBefore);
    await waitUntil(() => chargePoint.isConnected, 'the station to reconnect');
    return since;
  }

  /** The card is cached: an AuthorizeResponse Accepted (with GROUP) for it, without starting anything. */
  async function cache(idToken: typeof tokens.valid): Promise<void> {
    const decided = await chargePoint.authorize(idToken);
    expect(decided.idTokenInfo).toEqual({ status: 'Accepted', groupIdToken: GROUP });
  }

  /** Checks the transaction as the CSMS got it and returns its events from `from` on. */
  function received(transactionId: string, since: number, from = since): TransactionEventRequest[] {
    expectWellFormed(eventsOf(env.csms, transactionId, since));
    return eventsOf(env.csms, transactionId, from);
  }

  it('TC_E_40_CS Offline behaviour - Connection loss during transaction', async () => {
    await boot();
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    await goOffline();
    const offline = env.csms.ledger.length;
    // E11: charging goes on; what happens meanwhile is queued.
    chargePoint.onChargingStateChanged(1, 'SuspendedEV');
    chargePoint.onChargingStateChanged(1, 'Charging');
    const back = await comeBack();
    await waitForEvent(env.csms, 'the second Charging', (e) => e.transactionInfo.chargingState === 'Charging', offline);
    expect(stationActions(env.csms, back)).not.toContain('BootNotification');
    // E12: queued events go first, before any new traffic; then the transaction goes on online.
    expect(stationActions(env.csms, back).slice(0, 2)).toEqual(['TransactionEvent', 'TransactionEvent']);
    await present(chargePoint, tokens.valid, 'stopped');
    await waitForEnded(env.csms, transactionId, back);
    expect(received(transactionId, since, offline).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEV', offline: true },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging', offline: true },
      { eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: tokens.valid.idToken },
    ]);
    expect(eventsOf(env.csms, transactionId, since).filter((e) => e.offline === true)).toHaveLength(2);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_43_CS Offline behaviour - Transaction during offline period', async () => {
    await boot();
    await cache(tokens.valid);
    await goOffline();
    const offline = env.csms.ledger.length;
    chargePoint.onSessionStarted(1, 1);
    await present(chargePoint, tokens.valid, 'started');
    const transactionId = transactionIdOn(chargePoint, 1);
    chargePoint.onChargingStateChanged(1, 'Charging');
    await present(chargePoint, tokens.valid, 'stopped');
    chargePoint.onSessionFinished(1, 1);
    expect(chargePoint.activeTransactions()).toEqual([]);

    const back = await comeBack();
    await waitForEnded(env.csms, transactionId, back);
    expect(received(transactionId, offline).map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', chargingState: 'EVConnected', idToken: tokens.valid.idToken, offline: true },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging', offline: true },
      { eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: tokens.valid.idToken, offline: true },
    ]);
    // Offline, the card was checked against the cache only: no AuthorizeRequest then, none afterwards either.
    expect(stationCalls(env.csms, 'Authorize', offline)).toEqual([]);
    // Each event keeps the time it happened (E04), not the time it was sent.
    const [started] = eventsOf(env.csms, transactionId, offline);
    expect(Date.parse(started!.timestamp)).toBeLessThan(clock.now().getTime() - RECONNECT_MS + 1);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_44_CS Offline behaviour - Stop transaction during offline period', async () => {
    await boot();
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    await goOffline();
    const offline = env.csms.ledger.length;
    await present(chargePoint, tokens.valid, 'stopped');
    expect(stops).toEqual([[1, 'Local']]);
    const back = await comeBack();
    await waitForEnded(env.csms, transactionId, back);
    expect(received(transactionId, since, offline).map(summary)).toEqual([
      { eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: tokens.valid.idToken, offline: true },
    ]);
    expect(stationCalls(env.csms, 'Authorize', offline)).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_45_CS Offline behaviour - Stop transaction during offline period - Same GroupId', async () => {
    await boot();
    await cache(tokens.valid2);
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    await goOffline();
    const offline = env.csms.ledger.length;
    // Another card of the same group, known from the cache, may stop it (C09 GroupId, E07).
    const result = await chargePoint.presentIdToken(tokens.valid2);
    expect(result).toMatchObject({ evseId: 1, outcome: 'stopped' });
    const back = await comeBack();
    const ended = await waitForEnded(env.csms, transactionId, back);
    expect(received(transactionId, since, offline).map(summary)).toEqual([
      { eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: tokens.valid2.idToken, offline: true },
    ]);
    expect(ended.idToken).toEqual(tokens.valid2);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_16_CS Stop transaction options - Deauthorized - Invalid idToken', async () => {
    await boot({ 'TxCtrlr.TxStopPoint': 'Authorized' });
    await cache(tokens.valid);
    await goOffline();
    // Reusable state StartOfflineTransaction: started offline on the cached card.
    const offline = env.csms.ledger.length;
    chargePoint.onSessionStarted(1, 1);
    await present(chargePoint, tokens.valid, 'started');
    const transactionId = transactionIdOn(chargePoint, 1);
    chargePoint.onChargingStateChanged(1, 'Charging');
    // Meanwhile the card was blocked: the CSMS answers the Started (which carries the idToken) with Invalid.
    directory.setForTransactions(tokens.valid, { status: 'Invalid' });
    const back = await comeBack();
    await waitForEnded(env.csms, transactionId, back);
    expect(received(transactionId, offline).map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', chargingState: 'EVConnected', idToken: tokens.valid.idToken, offline: true },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging', offline: true },
      // E05 with StopTxOnInvalidId true: energy stops and, with TxStopPoint Authorized, the transaction ends.
      { eventType: 'Ended', triggerReason: 'Deauthorized', chargingState: 'EVConnected', stoppedReason: 'DeAuthorized' },
    ]);
    expect(stops).toEqual([[1, 'DeAuthorized']]);
    expect(chargePoint.isAuthorized(1)).toBe(false);
    expect(env.csms.violations).toEqual([]);
  });
});
