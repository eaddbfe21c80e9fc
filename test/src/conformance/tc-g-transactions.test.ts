import { beforeEach, describe, expect, it } from 'vitest';
import type { ChargePoint } from '@evstation/core';
import { stationPerTest } from '../support/station-per-test.js';
import { flushStation, sortedStatusNotifications, waitForCalls } from '../support/ocpp-frames.js';
import { energyTransferStarted, present } from '../support/charging-session.js';
import { tokens } from '../support/token-csms.js';
import { eventsOf, expectWellFormed, summary, waitForEnded } from '../support/transaction-events.js';

/*
 * G03/G04 ChangeAvailability with a transaction running (OCTT "... - With ongoing transaction"): the station answers
 * Scheduled, leaves the transaction alone, and makes the scope Unavailable once the transaction has ended (the driver
 * stops it with the card; the cable is still in). Parts of the scope without a transaction change at once.
 */
type Scope = { evse?: { id: number; connectorId?: number } };

describe('G03/G04 ChangeAvailability with transactions against a strict CSMS (SQLite file)', () => {
  const env = stationPerTest();
  let chargePoint: ChargePoint;

  beforeEach(async () => {
    chargePoint = (await env.boot()).station.chargePoint;
  });

  /**
   * EnergyTransferStarted on EVSE 1, ChangeAvailability Inoperative for `scope` (expected Scheduled), the
   * StatusNotifications that follow at once, then the card ends the transaction: returns both sets of notifications.
   */
  async function inoperativeDuringTransaction(scope: Scope) {
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    const asked = env.csms.ledger.length;
    const answer = (await env.client.call('ChangeAvailability', { operationalStatus: 'Inoperative', ...scope })) as { status: string };
    await flushStation(env.csms, env.client);
    const atOnce = sortedStatusNotifications(env.csms, asked);
    expect(eventsOf(env.csms, transactionId, asked)).toEqual([]);
    expect(chargePoint.activeTransactions().map((t) => t.transactionId)).toEqual([transactionId]);

    const stopped = env.csms.ledger.length;
    await present(chargePoint, tokens.valid, 'stopped');
    const ended = await waitForEnded(env.csms, transactionId, stopped);
    expect(summary(ended)).toEqual({ eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: tokens.valid.idToken });
    expectWellFormed(eventsOf(env.csms, transactionId, since));
    await waitForCalls(env.csms, 'StatusNotification', 1, stopped);
    await flushStation(env.csms, env.client);
    return { status: answer.status, atOnce, afterEnd: sortedStatusNotifications(env.csms, stopped) };
  }

  it('TC_G_11_CS Change Availability EVSE - With ongoing transaction', async () => {
    const result = await inoperativeDuringTransaction({ evse: { id: 1 } });
    expect(result).toEqual({ status: 'Scheduled', atOnce: [], afterEnd: [{ evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' }] });
    expect(chargePoint.connectorStatus({ evseId: 2, connectorId: 1 })).toBe('Available');
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_G_14_CS Change Availability Charging Station - With ongoing transaction', async () => {
    const result = await inoperativeDuringTransaction({});
    expect(result).toEqual({
      status: 'Scheduled',
      atOnce: [{ evseId: 2, connectorId: 1, connectorStatus: 'Unavailable' }],
      afterEnd: [{ evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' }],
    });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_G_17_CS Change Availability Connector - With ongoing transaction', async () => {
    const result = await inoperativeDuringTransaction({ evse: { id: 1, connectorId: 1 } });
    expect(result).toEqual({ status: 'Scheduled', atOnce: [], afterEnd: [{ evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' }] });
    expect(env.csms.violations).toEqual([]);
  });
});
