import { describe, expect, it } from 'vitest';
import type { AuthorizeRequest, IdTokenInfoType, IdTokenType } from '@evstation/core';
import type { RunningStation } from '../support/station-harness.js';
import { stationPerTest } from '../support/station-per-test.js';
import { flushStation, stationCalls, statusNotifications, waitUntil } from '../support/ocpp-frames.js';
import { TokenDirectory, tokens } from '../support/token-csms.js';
import { energyTransferStarted, setting, type ConfigValue } from '../support/charging-session.js';
import { transactionEvents, waitForEvent } from '../support/transaction-events.js';

/*
 * Block C local start and stop (OCTT Part 6, Core): tokens presented at the station's reader, the CSMS answering
 * Authorize. General preconditions: booted, Accepted, AuthCtrlr.LocalPreAuthorize false, default TxStartPoint
 * PowerPathClosed and TxStopPoint EVConnected,Authorized unless a case sets them. The conformance station has one
 * reader per EVSE (the EVSE is given with the token), except where a case says otherwise.
 */
const txStartPoint = (value: string): ConfigValue => setting('TxCtrlr', 'TxStartPoint', value);

describe('Block C local authorization against a strict CSMS (SQLite file)', () => {
  let directory: TokenDirectory;
  const env = stationPerTest(() => {
    directory = new TokenDirectory();
    return { handlers: directory.handlers() };
  });
  let authorizedChanges: { evseId: number; authorized: boolean }[];

  async function boot(values: ConfigValue[] = []): Promise<RunningStation> {
    authorizedChanges = [];
    const callbacks = { authorizationChanged: (evseId: number, authorized: boolean) => void authorizedChanges.push({ evseId, authorized }) };
    return (await env.boot({ values, callbacks })).station;
  }

  /** Reusable state EVConnectedPreSession on EVSE 1: cable in, Occupied reported. */
  async function evConnected(running: RunningStation): Promise<void> {
    running.chargePoint.onSessionStarted(1, 1);
    await waitUntil(() => statusNotifications(env.csms).some((s) => s.evseId === 1 && s.connectorStatus === 'Occupied'), 'StatusNotification Occupied');
    await flushStation(env.csms, env.client);
  }

  /**
   * Presents a token the CSMS does not accept (C01.FR.02 and C06.FR.02 style cases), then checks the station asked
   * the CSMS about exactly that token, sent no TransactionEvent after it and did not authorize the EVSE.
   */
  async function presentRefusedToken(running: RunningStation, idToken: IdTokenType, answer: IdTokenInfoType, options: { evseId?: number } = {}): Promise<void> {
    directory.set(idToken, answer);
    const since = env.csms.ledger.length;
    const presented = await running.chargePoint.presentIdToken(idToken, options);
    await flushStation(env.csms, env.client);
    expect(stationCalls<AuthorizeRequest>(env.csms, 'Authorize', since)).toEqual([{ idToken }]);
    expect(transactionEvents(env.csms, since)).toEqual([]);
    expect(presented.outcome).toBe('ignored');
    expect(presented.idTokenInfo.status).toBe(answer.status);
    expect(running.chargePoint.isAuthorized(1)).toBe(false);
    expect(authorizedChanges).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  }

  it('TC_C_02_CS Local start transaction - Authorization Invalid', async () => {
    const running = await boot();
    await evConnected(running);
    await presentRefusedToken(running, tokens.invalid, { status: 'Invalid' }, { evseId: 1 });
    expect(running.chargePoint.activeTransactions()).toEqual([]);
  });

  it('TC_C_05_CS Local start transaction - Authorization invalid - Cable lock (token first, TxStartPoint Authorized)', async () => {
    // The lock keeps the cable out until the token is accepted: the token comes first, and with TxStartPoint
    // Authorized an accepted token would start a transaction at once, so none may start here.
    const running = await boot([txStartPoint('Authorized')]);
    await presentRefusedToken(running, tokens.invalid, { status: 'Invalid' });
    expect(running.chargePoint.activeTransactions()).toEqual([]);
  });

  it('TC_C_06_CS Local start transaction - Authorization Blocked', async () => {
    const running = await boot();
    await evConnected(running);
    await presentRefusedToken(running, tokens.blocked, { status: 'Blocked' }, { evseId: 1 });
  });

  it('TC_C_07_CS Local start transaction - Authorization Expired', async () => {
    const running = await boot();
    await evConnected(running);
    await presentRefusedToken(running, tokens.expired, { status: 'Expired' }, { evseId: 1 });
  });

  it('TC_C_56_CS Local start transaction - Authorization Unknown (transaction already started at EVConnected)', async () => {
    const running = await boot([txStartPoint('EVConnected')]);
    const plugged = env.csms.ledger.length;
    await evConnected(running);
    const [started] = transactionEvents(env.csms, plugged);
    expect(started).toMatchObject({ eventType: 'Started', triggerReason: 'CablePluggedIn' });
    await presentRefusedToken(running, tokens.unknown, { status: 'Unknown' }, { evseId: 1 });
    expect(running.chargePoint.activeTransactions().map((t) => t.transactionId)).toEqual([started!.transactionInfo.transactionId]);
  });

  it('TC_E_38_CS Local start transaction - EV not ready', async () => {
    const running = await boot();
    const presented = await running.chargePoint.presentIdToken(tokens.valid, { evseId: 1 });
    expect(presented.outcome).toBe('authorized');
    const since = env.csms.ledger.length;
    running.chargePoint.onSessionStarted(1, 1);
    const started = await waitForEvent(env.csms, 'Started', (e) => e.eventType === 'Started', since);
    expect(started).toMatchObject({ triggerReason: 'CablePluggedIn', idToken: tokens.valid, evse: { id: 1, connectorId: 1 }, transactionInfo: { chargingState: 'EVConnected' } });
    running.chargePoint.onChargingStateChanged(1, 'SuspendedEV');
    const notReady = await waitForEvent(env.csms, 'SuspendedEV', (e) => e.transactionInfo.chargingState === 'SuspendedEV', since);
    expect(notReady).toMatchObject({ eventType: 'Updated', triggerReason: 'ChargingStateChanged', transactionInfo: { transactionId: started.transactionInfo.transactionId } });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_04_CS Local Stop Transaction - Different idToken', async () => {
    const running = await boot();
    const transactionId = await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    await flushStation(env.csms, env.client);
    const since = env.csms.ledger.length;
    const presented = await running.chargePoint.presentIdToken(tokens.valid2, { evseId: 1 });
    await flushStation(env.csms, env.client);
    // The CSMS accepts the other token, but it has no group in common with the one that started: no stop.
    expect(stationCalls<AuthorizeRequest>(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.valid2 }]);
    expect(transactionEvents(env.csms, since)).toEqual([]);
    expect(presented.outcome).toBe('ignored');
    expect(running.chargePoint.activeTransactions()).toEqual([expect.objectContaining({ transactionId, authorized: true, chargingState: 'Charging' })]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_06_CS Local Stop Transaction - Accepted', async () => {
    const running = await boot();
    const transactionId = await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    await flushStation(env.csms, env.client);
    const since = env.csms.ledger.length;
    // StopAuthorized (local): the token that started the transaction stops it without asking the CSMS (E07.FR.02).
    const presented = await running.chargePoint.presentIdToken(tokens.valid, { evseId: 1 });
    expect(presented.outcome).toBe('stopped');
    const ended = await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended', since);
    expect(ended).toMatchObject({ triggerReason: 'StopAuthorized', transactionInfo: { transactionId, stoppedReason: 'Local', chargingState: 'EVConnected' } });
    expect(authorizedChanges.at(-1)).toEqual({ evseId: 1, authorized: false });
    // EVConnectedPostSession, then EVDisconnected: the connector becomes Available again, no further event.
    running.chargePoint.onSessionFinished(1, 1);
    await waitUntil(() => statusNotifications(env.csms, since).some((s) => s.evseId === 1 && s.connectorStatus === 'Available'), 'StatusNotification Available');
    await flushStation(env.csms, env.client);
    expect(stationCalls(env.csms, 'Authorize', since)).toEqual([]);
    expect(transactionEvents(env.csms, since).map((e) => e.eventType)).toEqual(['Ended']);
    expect(env.csms.violations).toEqual([]);
  });
});
