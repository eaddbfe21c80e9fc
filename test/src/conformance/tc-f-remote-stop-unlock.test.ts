import { beforeEach, describe, expect, it } from 'vitest';
import type { ReasonEnumType, UnlockStatusEnumType } from '@evstation/core';
import { stationPerTest } from '../support/station-per-test.js';
import { flushStation } from '../support/ocpp-frames.js';
import { TokenDirectory, tokens } from '../support/token-csms.js';
import { energyTransferStarted } from '../support/charging-session.js';
import { transactionEvents, waitForEvent } from '../support/transaction-events.js';

/*
 * Block F remote stop (F03) and remote unlock (F05) cases of OCTT Part 6 (Core). The station has a detachable
 * cable with a connector lock: its `unlockConnector` callback (recorded here) drives the lock and reports Unlocked.
 * General preconditions: booted, Accepted, default TxStartPoint PowerPathClosed, TxStopPoint EVConnected,Authorized.
 */
describe('Block F remote stop and unlock against a strict CSMS (SQLite file)', () => {
  const env = stationPerTest(() => ({ handlers: new TokenDirectory().handlers() }));
  let unlocks: { evseId: number; connectorId: number }[];
  let stops: { evseId: number; reason: ReasonEnumType }[];

  beforeEach(async () => {
    unlocks = [];
    stops = [];
    const callbacks = {
      unlockConnector: (evseId: number, connectorId: number): UnlockStatusEnumType => {
        unlocks.push({ evseId, connectorId });
        return 'Unlocked';
      },
      stopTransaction: (evseId: number, reason: ReasonEnumType) => void stops.push({ evseId, reason }),
    };
    await env.boot({ callbacks });
  });

  it('TC_F_08_CS Remote stop transaction - Success', async () => {
    const transactionId = await energyTransferStarted(env.csms, env.station.chargePoint, 1, tokens.valid);
    const since = env.csms.ledger.length;
    await expect(env.client.call('RequestStopTransaction', { transactionId })).resolves.toEqual({ status: 'Accepted' });
    const ended = await waitForEvent(env.csms, 'Ended', (e) => e.eventType === 'Ended', since);
    expect(ended).toMatchObject({ triggerReason: 'RemoteStop', transactionInfo: { transactionId, stoppedReason: 'Remote', chargingState: 'EVConnected' } });
    expect(stops).toEqual([{ evseId: 1, reason: 'Remote' }]);
    expect(env.station.chargePoint.activeTransactions()).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_09_CS Remote stop transaction - Rejected', async () => {
    const transactionId = await energyTransferStarted(env.csms, env.station.chargePoint, 1, tokens.valid);
    const since = env.csms.ledger.length;
    const answer = (await env.client.call('RequestStopTransaction', { transactionId: 'not-a-transaction-of-this-station' })) as { status: string };
    await flushStation(env.csms, env.client);
    expect(answer.status).toBe('Rejected');
    expect(transactionEvents(env.csms, since)).toEqual([]);
    expect(stops).toEqual([]);
    expect(env.station.chargePoint.activeTransactions()).toEqual([expect.objectContaining({ transactionId, chargingState: 'Charging' })]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_05_CS Remote unlock Connector - With ongoing transaction', async () => {
    const transactionId = await energyTransferStarted(env.csms, env.station.chargePoint, 1, tokens.valid);
    const since = env.csms.ledger.length;
    await expect(env.client.call('UnlockConnector', { evseId: 1, connectorId: 1 })).resolves.toEqual({ status: 'OngoingAuthorizedTransaction' });
    await flushStation(env.csms, env.client);
    // The lock stays closed and the transaction goes on (F05.FR.02).
    expect(unlocks).toEqual([]);
    expect(transactionEvents(env.csms, since)).toEqual([]);
    expect(env.station.chargePoint.activeTransactions()).toEqual([expect.objectContaining({ transactionId, authorized: true })]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_06_CS Remote unlock Connector - Without ongoing transaction - Accepted', async () => {
    env.station.chargePoint.onSessionStarted(1, 1);
    await flushStation(env.csms, env.client);
    await expect(env.client.call('UnlockConnector', { evseId: 1, connectorId: 1 })).resolves.toEqual({ status: 'Unlocked' });
    expect(unlocks).toEqual([{ evseId: 1, connectorId: 1 }]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_07_CS Remote unlock Connector - Without ongoing transaction - No cable connected', async () => {
    await expect(env.client.call('UnlockConnector', { evseId: 2, connectorId: 1 })).resolves.toEqual({ status: 'Unlocked' });
    expect(unlocks).toEqual([{ evseId: 2, connectorId: 1 }]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_10_CS Remote unlock Connector - Without ongoing transaction - UnknownConnector', async () => {
    await expect(env.client.call('UnlockConnector', { evseId: 1, connectorId: 999 })).resolves.toEqual({ status: 'UnknownConnector' });
    await expect(env.client.call('UnlockConnector', { evseId: 9, connectorId: 1 })).resolves.toEqual({ status: 'UnknownConnector' });
    expect(unlocks).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });
});
