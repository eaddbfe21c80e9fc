import { describe, expect, it } from 'vitest';
import { FakeClock, type AuthorizeRequest, type RequestStartTransactionRequest } from '@evstation/core';
import { StrictCsms } from '../support/strict-csms.js';
import { startStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
import { stationPerTest, type BootOptions } from '../support/station-per-test.js';
import { acceptingHandlers, flushStation, stationActions, stationCalls, waitForCalls, waitForNewClient, waitUntil } from '../support/ocpp-frames.js';
import { advanceQuietly } from '../support/quiet-clock.js';
import { setting, type ConfigValue } from '../support/charging-session.js';
import { TokenDirectory, tokens } from '../support/token-csms.js';
import { transactionEvents, waitForEvent } from '../support/transaction-events.js';

/*
 * Block F remote start (F01/F02) cases of OCTT Part 6 (Core), B02's remote start while Pending, and TC_K_38_CS
 * (the chargingProfile of a remote start is ignored by a station without Smart Charging: this one has no
 * SmartChargingCtrlr). General preconditions: booted, Accepted, default TxStartPoint PowerPathClosed.
 */

describe('Block F remote start against a strict CSMS (SQLite file)', () => {
  let directory: TokenDirectory;
  const env = stationPerTest(() => {
    directory = new TokenDirectory();
    return { handlers: directory.handlers() };
  });
  let remoteStarts: { evseId: number; request: RequestStartTransactionRequest }[];

  async function boot(values: ConfigValue[] = [], options: Pick<BootOptions, 'clock'> = {}): Promise<RunningStation> {
    remoteStarts = [];
    const callbacks = { remoteStartTransaction: (evseId: number, request: RequestStartTransactionRequest) => void remoteStarts.push({ evseId, request }) };
    return (await env.boot({ values, ...options, callbacks })).station;
  }

  function requestStart(request: Partial<RequestStartTransactionRequest> & { remoteStartId: number }): Promise<unknown> {
    return env.client.call('RequestStartTransaction', { idToken: tokens.central, evseId: 1, ...request });
  }

  it('TC_F_01_CS Remote start transaction - Cable plugin first', async () => {
    const running = await boot([setting('TxCtrlr', 'TxStartPoint', 'EVConnected')]);
    const since = env.csms.ledger.length;
    running.chargePoint.onSessionStarted(1, 1);
    const started = await waitForEvent(env.csms, 'Started', (e) => e.eventType === 'Started', since);
    // The cable already started a transaction: the answer names it (F01.FR.03), the token then authorizes it.
    await expect(requestStart({ remoteStartId: 11 })).resolves.toEqual({ status: 'Accepted', transactionId: started.transactionInfo.transactionId });
    const remote = await waitForEvent(env.csms, 'RemoteStart', (e) => e.triggerReason === 'RemoteStart', since);
    expect(stationCalls<AuthorizeRequest>(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.central }]);
    expect(remote).toMatchObject({ eventType: 'Updated', idToken: tokens.central, transactionInfo: { transactionId: started.transactionInfo.transactionId, remoteStartId: 11 } });
    expect(remoteStarts).toEqual([{ evseId: 1, request: expect.objectContaining({ remoteStartId: 11 }) }]);
    running.chargePoint.onChargingStateChanged(1, 'Charging');
    await waitForEvent(env.csms, 'Charging', (e) => e.transactionInfo.chargingState === 'Charging', since);
    expect(env.csms.violations).toEqual([]);
  });

  /** F02: RequestStartTransaction first (Accepted, no transaction yet), then the cable: the transaction starts with remoteStartId. */
  async function remoteStartFirst(running: RunningStation, remoteStartId: number) {
    const since = env.csms.ledger.length;
    await expect(requestStart({ remoteStartId })).resolves.toEqual({ status: 'Accepted' });
    await flushStation(env.csms, env.client);
    expect(running.chargePoint.isAuthorized(1)).toBe(true);
    running.chargePoint.onSessionStarted(1, 1);
    const started = await waitForEvent(env.csms, 'Started', (e) => e.eventType === 'Started', since);
    expect(started).toMatchObject({ triggerReason: 'CablePluggedIn', idToken: tokens.central, evse: { id: 1, connectorId: 1 }, transactionInfo: { remoteStartId } });
    running.chargePoint.onChargingStateChanged(1, 'Charging');
    await waitForEvent(env.csms, 'Charging', (e) => e.transactionInfo.chargingState === 'Charging', since);
    return since;
  }

  it('TC_F_02_CS Remote start transaction - Remote start first - AuthorizeRemoteStart is true', async () => {
    const running = await boot([setting('AuthCtrlr', 'AuthorizeRemoteStart', 'true')]);
    const since = await remoteStartFirst(running, 21);
    expect(stationCalls<AuthorizeRequest>(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.central }]);
    // The Authorize comes after the answer to RequestStartTransaction (it is sent once the CALLRESULT is out).
    expect(stationActions(env.csms, since).indexOf('Authorize')).toBeLessThan(stationActions(env.csms, since).indexOf('TransactionEvent'));
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_03_CS Remote start transaction - Remote start first - AuthorizeRemoteStart is false', async () => {
    const running = await boot([setting('AuthCtrlr', 'AuthorizeRemoteStart', 'false')]);
    directory.set(tokens.central, { status: 'Invalid' });
    const since = await remoteStartFirst(running, 31);
    // The CSMS's request is its own authorization: no AuthorizeRequest (which it would have answered Invalid).
    expect(stationCalls(env.csms, 'Authorize', since)).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_04_CS Remote start transaction - Remote start first - Cable plugin timeout', async () => {
    const clock = new FakeClock(new Date());
    const timeoutS = 45;
    // Applies with TxStartPoint Authorized (2023-12 errata): the transaction starts at the remote start and ends at the timeout.
    const running = await boot([setting('TxCtrlr', 'TxStartPoint', 'Authorized'), setting('TxCtrlr', 'EVConnectionTimeOut', String(timeoutS))], { clock });
    const since = env.csms.ledger.length;
    await expect(requestStart({ remoteStartId: 41 })).resolves.toEqual({ status: 'Accepted' });
    const started = await waitForEvent(env.csms, 'Started', (e) => e.eventType === 'Started', since);
    expect(started).toMatchObject({ triggerReason: 'RemoteStart', idToken: tokens.central, evse: { id: 1 }, transactionInfo: { remoteStartId: 41 } });
    await advanceQuietly(clock, running.frames, (timeoutS - 1) * 1000);
    expect(transactionEvents(env.csms, since).filter((e) => e.eventType === 'Ended')).toEqual([]);
    await advanceQuietly(clock, running.frames, 1000);
    const ended = await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended', since);
    expect(ended).toMatchObject({ triggerReason: 'EVConnectTimeout', transactionInfo: { transactionId: started.transactionInfo.transactionId, stoppedReason: 'Timeout' } });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_K_38_CS Remote start transaction with charging profile - Ignore chargingProfile', async () => {
    const running = await boot();
    const unknown = (await env.client.call('GetVariables', { getVariableData: [{ component: { name: 'SmartChargingCtrlr' }, variable: { name: 'Available' } }] })) as {
      getVariableResult: { attributeStatus: string }[];
    };
    expect(unknown.getVariableResult[0]?.attributeStatus).toBe('UnknownComponent');
    running.chargePoint.onSessionStarted(1, 1);
    await flushStation(env.csms, env.client);
    const since = env.csms.ledger.length;
    const chargingProfile = {
      id: 381,
      stackLevel: 0,
      chargingProfilePurpose: 'TxProfile',
      chargingProfileKind: 'Relative',
      chargingSchedule: [{ id: 1, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 6, numberPhases: 3 }] }],
    };
    await expect(requestStart({ remoteStartId: 38, chargingProfile } as never)).resolves.toEqual({ status: 'Accepted' });
    const started = await waitForEvent(env.csms, 'Started', (e) => e.eventType === 'Started', since);
    expect(stationCalls<AuthorizeRequest>(env.csms, 'Authorize', since)).toEqual([{ idToken: tokens.central }]);
    expect(started).toMatchObject({ triggerReason: 'RemoteStart', idToken: tokens.central, transactionInfo: { remoteStartId: 38 } });
    // Without Smart Charging the profile is not passed on for the station to apply (F01.FR.12).
    expect(remoteStarts).toEqual([{ evseId: 1, request: { remoteStartId: 38, idToken: tokens.central, evseId: 1 } }]);
    expect(env.csms.violations).toEqual([]);
  });
});

describe('B02 RequestStartTransaction while the registration is Pending (strict CSMS, SQLite file)', () => {
  it('B02.FR.05 RequestStartTransaction while Pending is Rejected and starts nothing', async () => {
    const csms = await StrictCsms.start({
      handlers: acceptingHandlers({ BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Pending' }) }),
    });
    const db = tempDatabase();
    const running = startStation({ csmsUrl: csms.url, dbPath: db.path });
    try {
      const client = await waitForNewClient(csms, 0);
      await waitForCalls(csms, 'BootNotification', 1);
      await waitUntil(() => running.chargePoint.registrationStatus === 'Pending', 'the Pending answer to reach the station');
      const answer = (await client.call('RequestStartTransaction', { remoteStartId: 2, idToken: tokens.central, evseId: 1 })) as { status: string };
      expect(answer.status).toBe('Rejected');
      expect(running.chargePoint.registrationStatus).toBe('Pending');
      expect(running.chargePoint.isAuthorized(1)).toBe(false);
      await expect(client.call('TriggerMessage', { requestedMessage: 'Heartbeat' })).resolves.toEqual({ status: 'Accepted' });
      await waitForCalls(csms, 'Heartbeat', 1);
      expect(stationActions(csms).filter((a) => a === 'Authorize' || a === 'TransactionEvent')).toEqual([]);
      expect(csms.violations).toEqual([]);
    } finally {
      await running.stop();
      await csms.close();
      db.dispose();
    }
  });
});
