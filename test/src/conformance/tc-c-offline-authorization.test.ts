import { describe, expect, it } from 'vitest';
import { FakeClock, type ComponentDefinition, type IdTokenType, type TransactionEventRequest } from '@evstation/core';
import type { CsmsClient } from '../support/strict-csms.js';
import type { RunningStation } from '../support/station-harness.js';
import { stationPerTest } from '../support/station-per-test.js';
import { flushStation, stationCalls, waitForNewClient, waitUntil } from '../support/ocpp-frames.js';
import { advanceQuietly } from '../support/quiet-clock.js';
import { TokenDirectory, tokens } from '../support/token-csms.js';
import { energyReading, setting, type ConfigValue } from '../support/charging-session.js';
import { transactionEvents, waitForEvent } from '../support/transaction-events.js';

/*
 * Block C cases that start a transaction while the CSMS is unreachable and learn afterwards that the token is not
 * valid (OCTT Part 6 Core: TC_C_15-18 through the cache, TC_C_26 for an unknown id). The CSMS drops the connection;
 * the station's reconnect back-off runs on a FakeClock, so the station stays offline until the case moves time on.
 *
 * Decided: MaxEnergyOnInvalidId applies only when StopTxOnInvalidId is false; with StopTxOnInvalidId true the
 * transaction is deauthorized at once whatever MaxEnergyOnInvalidId says (TC_C_17), as libocpp does.
 */
const backOffS = 30;
const offlineSettings: ConfigValue[] = [
  setting('AuthCtrlr', 'LocalPreAuthorize', 'true'),
  setting('AuthCtrlr', 'LocalAuthorizeOffline', 'true'),
  setting('OCPPCommCtrlr', 'RetryBackOffWaitMinimum', String(backOffS)),
  setting('OCPPCommCtrlr', 'RetryBackOffRandomRange', '0'),
  setting('OCPPCommCtrlr', 'RetryBackOffRepeatTimes', '0'),
];
const maxEnergyOnInvalidId = (wh: number): ComponentDefinition => ({
  component: { name: 'TxCtrlr' },
  variables: [{ variable: { name: 'MaxEnergyOnInvalidId' }, characteristics: { dataType: 'integer', unit: 'Wh', minLimit: 0 }, attributes: [{ mutability: 'ReadWrite', value: String(wh) }] }],
});

describe('Block C offline authorization against a strict CSMS (SQLite file, fake clock)', () => {
  let directory: TokenDirectory;
  const env = stationPerTest(() => {
    directory = new TokenDirectory();
    return { handlers: directory.handlers() };
  });
  let client: CsmsClient;
  let clock: FakeClock;
  let paused: number[];

  async function boot(values: ConfigValue[], additions: ComponentDefinition[] = []): Promise<RunningStation> {
    clock = new FakeClock(new Date());
    paused = [];
    const booted = await env.boot({ clock, values: [...offlineSettings, ...values], additions, callbacks: { pauseCharging: (evseId: number) => void paused.push(evseId) } });
    client = booted.client;
    return booted.station;
  }

  /** EVConnectedPreSession on EVSE 1 with a meter reading, then the CSMS closes the connection and refuses to reconnect. */
  async function pluggedInThenOffline(running: RunningStation): Promise<void> {
    running.chargePoint.onMeterValue(1, energyReading(1000, clock.now()));
    running.chargePoint.onSessionStarted(1, 1);
    await flushStation(env.csms, client);
    await running.frames.settled();
    await client.close({ force: true });
    await waitUntil(() => !running.chargePoint.isConnected, 'the station to notice the dropped connection');
    running.frames.forget();
  }

  /**
   * StartOfflineTransaction: the token presented at EVSE 1 while offline starts charging; then the CSMS takes the
   * station back after the back-off. Returns the ledger index of the reconnection and the offline transactionId.
   */
  async function startOfflineThenReconnect(running: RunningStation, idToken: IdTokenType): Promise<{ since: number; transactionId: string }> {
    const presented = await running.chargePoint.presentIdToken(idToken, { evseId: 1 });
    expect(presented.outcome).toBe('started');
    running.chargePoint.onChargingStateChanged(1, 'Charging');
    const [transaction] = running.chargePoint.activeTransactions();
    const since = env.csms.ledger.length;
    const clientsBefore = env.csms.clients.length;
    await advanceQuietly(clock, running.frames, backOffS * 1000);
    client = await waitForNewClient(env.csms, clientsBefore);
    await waitForEvent(env.csms, 'with the idToken', (e) => e.idToken !== undefined, since);
    return { since, transactionId: transaction!.transactionId };
  }

  /** The events generated offline: all sent after the reconnect with offline true (E04.FR.03), in seqNo order. */
  function expectOfflineEvents(events: TransactionEventRequest[], idToken: IdTokenType): void {
    const offline = events.filter((e) => e.offline === true);
    expect(offline.map((e) => e.eventType)).toEqual(['Started', 'Updated']);
    expect(offline[0]).toMatchObject({ idToken, triggerReason: 'Authorized', seqNo: 0 });
    expect(offline[1]).toMatchObject({ triggerReason: 'ChargingStateChanged', transactionInfo: { chargingState: 'Charging' }, seqNo: 1 });
  }

  it('TC_C_16_CS Authorization through authorization cache - StopTxOnInvalidId = true', async () => {
    const running = await boot([setting('TxCtrlr', 'StopTxOnInvalidId', 'true')], [maxEnergyOnInvalidId(0)]);
    await running.chargePoint.authorize(tokens.valid);
    await pluggedInThenOffline(running);
    directory.setForTransactions(tokens.valid, { status: 'Invalid' });
    const { since, transactionId } = await startOfflineThenReconnect(running, tokens.valid);
    const ended = await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended', since);
    expectOfflineEvents(transactionEvents(env.csms, since), tokens.valid);
    expect(ended).toMatchObject({ triggerReason: 'Deauthorized', transactionInfo: { transactionId, stoppedReason: 'DeAuthorized' } });
    expect(ended.offline).toBeUndefined();
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_17_CS Authorization through authorization cache - StopTxOnInvalidId = true, MaxEnergyOnInvalidId > 0', async () => {
    const running = await boot([setting('TxCtrlr', 'StopTxOnInvalidId', 'true')], [maxEnergyOnInvalidId(500)]);
    await running.chargePoint.authorize(tokens.valid);
    await pluggedInThenOffline(running);
    directory.setForTransactions(tokens.valid, { status: 'Invalid' });
    const { since, transactionId } = await startOfflineThenReconnect(running, tokens.valid);
    const ended = await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended', since);
    expect(ended).toMatchObject({ triggerReason: 'Deauthorized', transactionInfo: { transactionId, stoppedReason: 'DeAuthorized' } });
    expect(transactionEvents(env.csms, since).some((e) => e.triggerReason === 'EnergyLimitReached')).toBe(false);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_15_CS Authorization through authorization cache - StopTxOnInvalidId = false, MaxEnergyOnInvalidId > 0', async () => {
    const running = await boot([setting('TxCtrlr', 'StopTxOnInvalidId', 'false')], [maxEnergyOnInvalidId(500)]);
    await running.chargePoint.authorize(tokens.valid);
    await pluggedInThenOffline(running);
    directory.setForTransactions(tokens.valid, { status: 'Invalid' });
    const { since, transactionId } = await startOfflineThenReconnect(running, tokens.valid);
    await flushStation(env.csms, client);
    expectOfflineEvents(transactionEvents(env.csms, since), tokens.valid);
    // Invalid, but charging goes on until 500 Wh more than at the start have been delivered.
    running.chargePoint.onMeterValue(1, energyReading(1499, clock.now()));
    await flushStation(env.csms, client);
    expect(transactionEvents(env.csms, since).filter((e) => e.triggerReason === 'EnergyLimitReached')).toEqual([]);
    expect(paused).toEqual([]);
    running.chargePoint.onMeterValue(1, energyReading(1500, clock.now()));
    const limited = await waitForEvent(env.csms, 'EnergyLimitReached', (e) => e.triggerReason === 'EnergyLimitReached', since);
    expect(limited).toMatchObject({ eventType: 'Updated', transactionInfo: { transactionId, chargingState: 'SuspendedEVSE' } });
    expect(paused).toEqual([1]);
    expect(running.chargePoint.activeTransactions()).toEqual([expect.objectContaining({ transactionId })]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_18_CS Authorization through authorization cache - StopTxOnInvalidId = false, MaxEnergyOnInvalidId = 0', async () => {
    const running = await boot([setting('TxCtrlr', 'StopTxOnInvalidId', 'false')], [maxEnergyOnInvalidId(0)]);
    await running.chargePoint.authorize(tokens.valid);
    await pluggedInThenOffline(running);
    directory.setForTransactions(tokens.valid, { status: 'Invalid' });
    const { since, transactionId } = await startOfflineThenReconnect(running, tokens.valid);
    // No energy at all on an invalid id: energy stops as soon as the answer arrives, the transaction goes on.
    const limited = await waitForEvent(env.csms, 'EnergyLimitReached', (e) => e.triggerReason === 'EnergyLimitReached', since);
    expect(limited).toMatchObject({ eventType: 'Updated', transactionInfo: { transactionId, chargingState: 'SuspendedEVSE' } });
    expect(paused).toEqual([1]);
    await flushStation(env.csms, client);
    expect(transactionEvents(env.csms, since).filter((e) => e.eventType === 'Ended')).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_C_26_CS Offline Authorization - Unknown Id', async () => {
    const running = await boot([setting('AuthCtrlr', 'OfflineTxForUnknownIdEnabled', 'true'), setting('TxCtrlr', 'StopTxOnInvalidId', 'false')]);
    await pluggedInThenOffline(running);
    directory.set(tokens.unknown, { status: 'Invalid' });
    const { since, transactionId } = await startOfflineThenReconnect(running, tokens.unknown);
    await flushStation(env.csms, client);
    expectOfflineEvents(transactionEvents(env.csms, since), tokens.unknown);
    expect(stationCalls(env.csms, 'Authorize', since)).toEqual([]);
    // StopTxOnInvalidId false: the Invalid answer does not end it; the driver ends it with the same token, then unplugs.
    expect(running.chargePoint.activeTransactions()).toEqual([expect.objectContaining({ transactionId, authorized: true })]);
    const stopping = env.csms.ledger.length;
    await running.chargePoint.presentIdToken(tokens.unknown, { evseId: 1 });
    running.chargePoint.onSessionFinished(1, 1);
    const ended = await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended', stopping);
    expect(ended).toMatchObject({ triggerReason: 'StopAuthorized', transactionInfo: { transactionId, stoppedReason: 'Local' } });
    expect(stationCalls(env.csms, 'Authorize', stopping)).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });
});
