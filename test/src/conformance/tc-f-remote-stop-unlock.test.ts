import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReasonEnumType, UnlockStatusEnumType } from '@evstation/core';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';
import { startBootedStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
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
  let csms: StrictCsms;
  let db: { path: string; dispose: () => void };
  let station: RunningStation;
  let client: CsmsClient;
  let unlocks: { evseId: number; connectorId: number }[];
  let stops: { evseId: number; reason: ReasonEnumType }[];

  beforeEach(async () => {
    csms = await StrictCsms.start({ handlers: new TokenDirectory().handlers() });
    db = tempDatabase();
    unlocks = [];
    stops = [];
    const callbacks = {
      unlockConnector: (evseId: number, connectorId: number): UnlockStatusEnumType => {
        unlocks.push({ evseId, connectorId });
        return 'Unlocked';
      },
      stopTransaction: (evseId: number, reason: ReasonEnumType) => void stops.push({ evseId, reason }),
    };
    ({ station, client } = await startBootedStation(csms, { dbPath: db.path, callbacks }));
  });

  afterEach(async () => {
    await station.stop();
    await csms.close();
    db.dispose();
  });

  it('TC_F_08_CS Remote stop transaction - Success', async () => {
    const transactionId = await energyTransferStarted(csms, station.chargePoint, 1, tokens.valid);
    const since = csms.ledger.length;
    await expect(client.call('RequestStopTransaction', { transactionId })).resolves.toEqual({ status: 'Accepted' });
    const ended = await waitForEvent(csms, 'Ended', (e) => e.eventType === 'Ended', since);
    expect(ended).toMatchObject({ triggerReason: 'RemoteStop', transactionInfo: { transactionId, stoppedReason: 'Remote', chargingState: 'EVConnected' } });
    expect(stops).toEqual([{ evseId: 1, reason: 'Remote' }]);
    expect(station.chargePoint.activeTransactions()).toEqual([]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_09_CS Remote stop transaction - Rejected', async () => {
    const transactionId = await energyTransferStarted(csms, station.chargePoint, 1, tokens.valid);
    const since = csms.ledger.length;
    const answer = (await client.call('RequestStopTransaction', { transactionId: 'not-a-transaction-of-this-station' })) as { status: string };
    await flushStation(csms, client);
    expect(answer.status).toBe('Rejected');
    expect(transactionEvents(csms, since)).toEqual([]);
    expect(stops).toEqual([]);
    expect(station.chargePoint.activeTransactions()).toEqual([expect.objectContaining({ transactionId, chargingState: 'Charging' })]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_05_CS Remote unlock Connector - With ongoing transaction', async () => {
    const transactionId = await energyTransferStarted(csms, station.chargePoint, 1, tokens.valid);
    const since = csms.ledger.length;
    await expect(client.call('UnlockConnector', { evseId: 1, connectorId: 1 })).resolves.toEqual({ status: 'OngoingAuthorizedTransaction' });
    await flushStation(csms, client);
    // The lock stays closed and the transaction goes on (F05.FR.02).
    expect(unlocks).toEqual([]);
    expect(transactionEvents(csms, since)).toEqual([]);
    expect(station.chargePoint.activeTransactions()).toEqual([expect.objectContaining({ transactionId, authorized: true })]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_06_CS Remote unlock Connector - Without ongoing transaction - Accepted', async () => {
    station.chargePoint.onSessionStarted(1, 1);
    await flushStation(csms, client);
    await expect(client.call('UnlockConnector', { evseId: 1, connectorId: 1 })).resolves.toEqual({ status: 'Unlocked' });
    expect(unlocks).toEqual([{ evseId: 1, connectorId: 1 }]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_07_CS Remote unlock Connector - Without ongoing transaction - No cable connected', async () => {
    await expect(client.call('UnlockConnector', { evseId: 2, connectorId: 1 })).resolves.toEqual({ status: 'Unlocked' });
    expect(unlocks).toEqual([{ evseId: 2, connectorId: 1 }]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_10_CS Remote unlock Connector - Without ongoing transaction - UnknownConnector', async () => {
    await expect(client.call('UnlockConnector', { evseId: 1, connectorId: 999 })).resolves.toEqual({ status: 'UnknownConnector' });
    await expect(client.call('UnlockConnector', { evseId: 9, connectorId: 1 })).resolves.toEqual({ status: 'UnknownConnector' });
    expect(unlocks).toEqual([]);
    expect(csms.violations).toEqual([]);
  });
});
