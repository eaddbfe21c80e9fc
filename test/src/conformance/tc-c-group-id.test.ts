import { describe, expect, it } from 'vitest';
import type { AuthorizeRequest, ComponentDefinition, IdTokenType } from '@evstation/core';
import type { RunningStation } from '../support/station-harness.js';
import { stationPerTest } from '../support/station-per-test.js';
import { flushStation, stationCalls, waitUntil } from '../support/ocpp-frames.js';
import { GROUP, TokenDirectory, tokens } from '../support/token-csms.js';
import { energyTransferStarted, setting, type ConfigValue } from '../support/charging-session.js';
import { transactionEvents, waitForEvent } from '../support/transaction-events.js';

/*
 * Block C GroupId (C09) and Master Pass (C16) cases of OCTT Part 6 (Core). Tokens of one group share the CSMS's
 * groupIdToken; a master pass is an Accepted token whose groupIdToken is AuthCtrlr.MasterPassGroupId, which this
 * station adds to its device model. Starts use EVSE readers (evseId given); stops with another token use the
 * station-wide reader (no evseId) unless the case is about choosing an EVSE.
 */
const masterGroup: IdTokenType = { idToken: 'MASTER-GROUP', type: 'Central' };
const masterPassGroupId: ComponentDefinition = {
  component: { name: 'AuthCtrlr' },
  variables: [{ variable: { name: 'MasterPassGroupId' }, characteristics: { dataType: 'string', maxLimit: 36 }, attributes: [{ mutability: 'ReadWrite', value: masterGroup.idToken }] }],
};
const localPreAuthorize = setting('AuthCtrlr', 'LocalPreAuthorize', 'true');

describe('Block C GroupId and Master Pass against a strict CSMS (SQLite file)', () => {
  let directory: TokenDirectory;
  const env = stationPerTest(() => {
    directory = new TokenDirectory().set(tokens.valid, { status: 'Accepted', groupIdToken: GROUP }).set(tokens.valid2, { status: 'Accepted', groupIdToken: GROUP });
    directory.set(tokens.masterPass, { status: 'Accepted', groupIdToken: masterGroup });
    return { handlers: directory.handlers() };
  });

  async function boot(values: ConfigValue[] = []): Promise<RunningStation> {
    return (await env.boot({ values, additions: [masterPassGroupId] })).station;
  }

  /** Memory state IdTokenCached: the CSMS's answer for each token, stored by asking once (C10.FR.04). */
  async function cache(running: RunningStation, ...idTokens: IdTokenType[]): Promise<void> {
    for (const idToken of idTokens) await running.chargePoint.authorize(idToken);
    await flushStation(env.csms, env.client);
  }

  it('TC_C_39_CS Authorization by GroupId - Success', async () => {
    const running = await boot();
    const transactionId = await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    const [started] = transactionEvents(env.csms).filter((e) => e.eventType === 'Started');
    expect(started).toMatchObject({ idToken: tokens.valid });
    const since = env.csms.ledger.length;
    const presented = await running.chargePoint.presentIdToken(tokens.valid2);
    expect(presented).toMatchObject({ evseId: 1, outcome: 'stopped' });
    const ended = await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended', since);
    expect(stationCalls<AuthorizeRequest>(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.valid2 }]);
    expect(ended).toMatchObject({ triggerReason: 'StopAuthorized', idToken: tokens.valid2, transactionInfo: { transactionId, stoppedReason: 'Local' } });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_42_CS Authorization by GroupId - Not stopped by GroupId (the other token is Invalid)', async () => {
    const running = await boot();
    const transactionId = await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    directory.set(tokens.valid2, { status: 'Invalid', groupIdToken: GROUP });
    const since = env.csms.ledger.length;
    const presented = await running.chargePoint.presentIdToken(tokens.valid2);
    await flushStation(env.csms, env.client);
    expect(stationCalls<AuthorizeRequest>(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.valid2 }]);
    expect(presented.outcome).toBe('ignored');
    expect(transactionEvents(env.csms, since)).toEqual([]);
    expect(running.chargePoint.activeTransactions()).toEqual([expect.objectContaining({ transactionId, authorized: true })]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_41_CS Authorization by GroupId - Success with Authorization Cache', async () => {
    const running = await boot([localPreAuthorize]);
    await cache(running, tokens.valid, tokens.valid2);
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    const presented = await running.chargePoint.presentIdToken(tokens.valid2);
    expect(presented).toMatchObject({ evseId: 1, outcome: 'stopped' });
    const ended = await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended', since);
    await flushStation(env.csms, env.client);
    // LocalPreAuthorize: both decisions come from the cache (C10.FR.03, C09.FR.07), no AuthorizeRequest at all.
    expect(stationCalls(env.csms, 'Authorize', since)).toEqual([]);
    expect(ended).toMatchObject({ triggerReason: 'StopAuthorized', idToken: tokens.valid2, transactionInfo: { transactionId } });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_44_CS Authorization by GroupId - Invalid status with Authorization Cache', async () => {
    const running = await boot([localPreAuthorize]);
    directory.set(tokens.valid2, { status: 'Invalid', groupIdToken: GROUP });
    await cache(running, tokens.valid, tokens.valid2);
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    expect(stationCalls(env.csms, 'Authorize', since)).toEqual([]);
    const presented = await running.chargePoint.presentIdToken(tokens.valid2);
    await flushStation(env.csms, env.client);
    // Cached as Invalid: asked again (C12.FR.05), still Invalid, so the group does not stop the transaction.
    expect(stationCalls<AuthorizeRequest>(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.valid2 }]);
    expect(presented.outcome).toBe('ignored');
    expect(transactionEvents(env.csms, since).filter((e) => e.eventType === 'Ended')).toEqual([]);
    expect(running.chargePoint.activeTransactions()).toEqual([expect.objectContaining({ transactionId, authorized: true })]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_45_CS Authorization by GroupId - Master pass - Not able to start transaction', async () => {
    const running = await boot([setting('TxCtrlr', 'TxStartPoint', 'Authorized')]);
    const since = env.csms.ledger.length;
    const presented = await running.chargePoint.presentIdToken(tokens.masterPass);
    await flushStation(env.csms, env.client);
    expect(stationCalls<AuthorizeRequest>(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.masterPass }]);
    expect(presented.outcome).toBe('ignored');
    expect(transactionEvents(env.csms, since)).toEqual([]);
    expect(running.chargePoint.isAuthorized(1) || running.chargePoint.isAuthorized(2)).toBe(false);
    expect(env.csms.violations).toEqual([]);
  });

  /** EnergyTransferStarted on both EVSEs; returns their transactionIds by EVSE. */
  async function chargingOnBoth(running: RunningStation): Promise<Map<number, string>> {
    const first = await energyTransferStarted(env.csms, running.chargePoint, 1, tokens.valid);
    const second = await energyTransferStarted(env.csms, running.chargePoint, 2, tokens.valid2);
    await flushStation(env.csms, env.client);
    return new Map([
      [1, first],
      [2, second],
    ]);
  }

  /** The Ended events since `since`, waiting for `count` of them. */
  async function endedEvents(since: number, count: number) {
    await waitUntil(() => transactionEvents(env.csms, since).filter((e) => e.eventType === 'Ended').length >= count, `${count} TransactionEvent Ended`);
    await flushStation(env.csms, env.client);
    return transactionEvents(env.csms, since).filter((e) => e.eventType === 'Ended');
  }

  it('TC_C_47_CS Stop Transaction with a Master Pass - With UI - All transactions', async () => {
    const running = await boot();
    const transactions = await chargingOnBoth(running);
    const since = env.csms.ledger.length;
    // The driver picks "all transactions" on the UI: the station presents the token without an EVSE.
    const presented = await running.chargePoint.presentIdToken(tokens.masterPass);
    expect(presented.outcome).toBe('stopped');
    const ended = await endedEvents(since, 2);
    expect(ended.map((e) => e.transactionInfo.transactionId).sort()).toEqual([...transactions.values()].sort());
    for (const event of ended) expect(event).toMatchObject({ triggerReason: 'StopAuthorized', idToken: tokens.masterPass, transactionInfo: { stoppedReason: 'MasterPass' } });
    expect(running.chargePoint.activeTransactions()).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_48_CS Stop Transaction with a Master Pass - With UI - Specific transactions', async () => {
    const running = await boot();
    const transactions = await chargingOnBoth(running);
    const since = env.csms.ledger.length;
    const presented = await running.chargePoint.presentIdToken(tokens.masterPass, { evseId: 2 });
    expect(presented).toMatchObject({ evseId: 2, outcome: 'stopped' });
    const ended = await endedEvents(since, 1);
    expect(ended).toEqual([expect.objectContaining({ triggerReason: 'StopAuthorized', idToken: tokens.masterPass, transactionInfo: expect.objectContaining({ transactionId: transactions.get(2), stoppedReason: 'MasterPass' }) })]);
    expect(running.chargePoint.activeTransactions().map((t) => t.transactionId)).toEqual([transactions.get(1)]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_49_CS Stop Transaction with a Master Pass - Without UI', async () => {
    const running = await boot();
    await chargingOnBoth(running);
    const since = env.csms.ledger.length;
    // Without a UI the station cannot ask which transaction: one presentation, one Authorize, every transaction stops.
    await running.chargePoint.presentIdToken(tokens.masterPass);
    const ended = await endedEvents(since, 2);
    expect(stationCalls<AuthorizeRequest>(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.masterPass }]);
    expect(ended.map((e) => e.transactionInfo.stoppedReason)).toEqual(['MasterPass', 'MasterPass']);
    expect(running.chargePoint.activeTransactions()).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });
});
