import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChargePoint } from '@evstation/core';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';
import { startBootedStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
import { acceptingHandlers, flushStation, sortedStatusNotifications, waitForCalls } from '../support/ocpp-frames.js';
import { energyTransferStarted, present, TOKEN } from '../support/charging-session.js';
import { eventsOf, expectWellFormed, summary, waitForEnded } from '../support/transaction-events.js';

/*
 * G03/G04 ChangeAvailability with a transaction running (OCTT "... - With ongoing transaction"): the station answers
 * Scheduled, leaves the transaction alone, and makes the scope Unavailable once the transaction has ended (the driver
 * stops it with the card; the cable is still in). Parts of the scope without a transaction change at once.
 */
type Scope = { evse?: { id: number; connectorId?: number } };

describe('G03/G04 ChangeAvailability with transactions against a strict CSMS (SQLite file)', () => {
  let csms: StrictCsms;
  let db: { path: string; dispose: () => void };
  let station: RunningStation;
  let client: CsmsClient;
  let chargePoint: ChargePoint;

  beforeEach(async () => {
    csms = await StrictCsms.start({ handlers: acceptingHandlers() });
    db = tempDatabase();
    ({ station, client } = await startBootedStation(csms, { dbPath: db.path }));
    chargePoint = station.chargePoint;
  });

  afterEach(async () => {
    await station.stop();
    await csms.close();
    db.dispose();
  });

  /**
   * EnergyTransferStarted on EVSE 1, ChangeAvailability Inoperative for `scope` (expected Scheduled), the
   * StatusNotifications that follow at once, then the card ends the transaction: returns both sets of notifications.
   */
  async function inoperativeDuringTransaction(scope: Scope) {
    const since = csms.ledger.length;
    const transactionId = await energyTransferStarted(csms, chargePoint);
    const asked = csms.ledger.length;
    const answer = (await client.call('ChangeAvailability', { operationalStatus: 'Inoperative', ...scope })) as { status: string };
    await flushStation(csms, client);
    const atOnce = sortedStatusNotifications(csms, asked);
    expect(eventsOf(csms, transactionId, asked)).toEqual([]);
    expect(chargePoint.activeTransactions().map((t) => t.transactionId)).toEqual([transactionId]);

    const stopped = csms.ledger.length;
    await present(chargePoint, TOKEN, 'stopped');
    const ended = await waitForEnded(csms, transactionId, stopped);
    expect(summary(ended)).toEqual({ eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: TOKEN.idToken });
    expectWellFormed(eventsOf(csms, transactionId, since));
    await waitForCalls(csms, 'StatusNotification', 1, stopped);
    await flushStation(csms, client);
    return { status: answer.status, atOnce, afterEnd: sortedStatusNotifications(csms, stopped) };
  }

  it('TC_G_11_CS Change Availability EVSE - With ongoing transaction', async () => {
    const result = await inoperativeDuringTransaction({ evse: { id: 1 } });
    expect(result).toEqual({ status: 'Scheduled', atOnce: [], afterEnd: [{ evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' }] });
    expect(chargePoint.connectorStatus({ evseId: 2, connectorId: 1 })).toBe('Available');
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_14_CS Change Availability Charging Station - With ongoing transaction', async () => {
    const result = await inoperativeDuringTransaction({});
    expect(result).toEqual({
      status: 'Scheduled',
      atOnce: [{ evseId: 2, connectorId: 1, connectorStatus: 'Unavailable' }],
      afterEnd: [{ evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' }],
    });
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_17_CS Change Availability Connector - With ongoing transaction', async () => {
    const result = await inoperativeDuringTransaction({ evse: { id: 1, connectorId: 1 } });
    expect(result).toEqual({ status: 'Scheduled', atOnce: [], afterEnd: [{ evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' }] });
    expect(csms.violations).toEqual([]);
  });
});
