import { beforeEach, describe, expect, it } from 'vitest';
import type { ChargePoint, ReasonEnumType, TransactionEventRequest } from '@evstation/core';
import { stationPerTest } from '../support/station-per-test.js';
import { flushStation, stationActions, stationCalls, waitUntil } from '../support/ocpp-frames.js';
import { energyTransferStarted, present } from '../support/charging-session.js';
import { tokens } from '../support/token-csms.js';
import { eventsOf, expectWellFormed, summary, transactionEvents, waitForEnded } from '../support/transaction-events.js';

/*
 * B12 Reset with ongoing transactions (OCTT "Reset Charging Station - With Ongoing Transaction"). The harness records
 * the station's `reset` callback; where a real station would reboot, the case stops the ChargePoint and starts a new
 * one on the same SQLite file with bootReason RemoteReset. Stations here do not allow an EVSE reset (no
 * EVSE.AllowReset), so TC_B_25-27 do not apply.
 */
describe('B12 Reset with transactions against a strict CSMS (SQLite file)', () => {
  const env = stationPerTest();
  let chargePoint: ChargePoint;
  let stops: [number, ReasonEnumType][];
  /** How many CSMS ledger entries there were when the reset callback ran. */
  let ledgerAtReset: number[];

  beforeEach(async () => {
    stops = [];
    ledgerAtReset = [];
    await env.boot({
      callbacks: {
        stopTransaction: (evseId, reason) => void stops.push([evseId, reason]),
        reset: (request) => {
          ledgerAtReset.push(env.csms.ledger.length);
          env.station.resets.push(request);
        },
      },
    });
    chargePoint = env.station.chargePoint;
  });

  /** The ledger index of the CSMS's CALLRESULT to the CALL that carried `payload`. */
  function answerIndex(payload: TransactionEventRequest): number {
    const call = env.csms.ledger.find((e) => !e.outbound && Array.isArray(e.frame) && e.frame[0] === 2 && e.frame[3] === payload);
    const id = (call?.frame as unknown[] | undefined)?.[1];
    const index = env.csms.ledger.findIndex((e) => e.outbound && Array.isArray(e.frame) && e.frame[0] === 3 && e.frame[1] === id);
    expect(index).toBeGreaterThan(-1);
    return index;
  }

  /** Does what the reset callback asks: reboots on the same database; returns the ledger index of the new boot. */
  async function reboot(): Promise<number> {
    await env.station.stop();
    const booted = await env.boot({ bootReason: 'RemoteReset' });
    expect(stationActions(env.csms, booted.since)[0]).toBe('BootNotification');
    expect(stationCalls(env.csms, 'BootNotification', booted.since)).toEqual([expect.objectContaining({ reason: 'RemoteReset' })]);
    return booted.since;
  }

  it('TC_B_21_CS Reset Charging Station - With ongoing transaction - OnIdle', async () => {
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    await expect(env.client.call('Reset', { type: 'OnIdle' })).resolves.toEqual({ status: 'Scheduled' });
    await flushStation(env.csms, env.client);
    // B12.FR.01: the transaction is not touched; the reset waits for it.
    expect(env.station.resets).toEqual([]);
    expect(eventsOf(env.csms, transactionId, since).filter((e) => e.eventType === 'Ended')).toEqual([]);

    await present(chargePoint, tokens.valid, 'stopped');
    await waitUntil(() => env.station.resets.length > 0, 'the reset callback');
    expect(env.station.resets).toEqual([{ type: 'OnIdle' }]);
    const ended = await waitForEnded(env.csms, transactionId, since);
    expect(summary(ended)).toEqual({ eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: tokens.valid.idToken });
    expectWellFormed(eventsOf(env.csms, transactionId, since));

    const after = await reboot();
    await flushStation(env.csms, env.client);
    expect(transactionEvents(env.csms, after)).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_B_22_CS Reset Charging Station - With ongoing transaction - Immediate', async () => {
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    await expect(env.client.call('Reset', { type: 'Immediate' })).resolves.toEqual({ status: 'Accepted' });
    const ended = await waitForEnded(env.csms, transactionId, since);
    expect(summary(ended)).toEqual({ eventType: 'Ended', triggerReason: 'ResetCommand', stoppedReason: 'ImmediateReset' });
    expect(stops).toEqual([[1, 'ImmediateReset']]);
    await waitUntil(() => env.station.resets.length > 0, 'the reset callback');
    expect(env.station.resets).toEqual([{ type: 'Immediate' }]);
    // The station resets only once the CSMS has answered its Ended: the Ended is not left for after the reboot.
    expect(ledgerAtReset[0]).toBeGreaterThan(answerIndex(ended));
    expectWellFormed(eventsOf(env.csms, transactionId, since));

    // Nothing is left to end after the reboot (no PowerLoss Ended for a transaction already Ended).
    const after = await reboot();
    await flushStation(env.csms, env.client);
    expect(transactionEvents(env.csms, after)).toEqual([]);
    expect(env.station.chargePoint.activeTransactions()).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_B_41_CS Reset Charging Station - Multiple transactions - OnIdle', async () => {
    const since = env.csms.ledger.length;
    const first = await energyTransferStarted(env.csms, chargePoint, 1);
    const second = await energyTransferStarted(env.csms, chargePoint, 2, { idToken: 'OCTT-TOKEN-003', type: 'ISO14443' });
    await expect(env.client.call('Reset', { type: 'OnIdle' })).resolves.toEqual({ status: 'Scheduled' });

    await present(chargePoint, tokens.valid, 'stopped', 1);
    await waitForEnded(env.csms, first, since);
    await flushStation(env.csms, env.client);
    expect(env.station.resets).toEqual([]);

    await present(chargePoint, { idToken: 'OCTT-TOKEN-003', type: 'ISO14443' }, 'stopped', 2);
    await waitForEnded(env.csms, second, since);
    await waitUntil(() => env.station.resets.length > 0, 'the reset callback');
    expect(env.station.resets).toEqual([{ type: 'OnIdle' }]);
    expectWellFormed(eventsOf(env.csms, first, since));
    expectWellFormed(eventsOf(env.csms, second, since));
    await reboot();
    expect(env.csms.violations).toEqual([]);
  });
});
