import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChargePoint } from '@evstation/core';
import { stationPerTest } from '../support/station-per-test.js';
import { acceptingHandlers, waitUntil } from '../support/ocpp-frames.js';
import { energyTransferStarted, present } from '../support/charging-session.js';
import { tokens } from '../support/token-csms.js';
import { transactionEvents, waitForEnded, waitForEvent } from '../support/transaction-events.js';

/*
 * E14 GetTransactionStatus (OCTT "Check Transaction status"). "With message in queue": the CSMS holds back its
 * answer to a TransactionEvent, so the event stays queued (it leaves the durable queue only once answered) while the
 * CSMS asks; then it answers and the queue empties.
 */
describe('E14 GetTransactionStatus against a strict CSMS (SQLite file)', () => {
  let holding: boolean;
  let held: (() => void)[];
  const holdable = () => (holding ? new Promise((resolve) => held.push(() => resolve({}))) : {});
  const env = stationPerTest(() => ({ handlers: acceptingHandlers({ TransactionEvent: holdable }) }));
  let chargePoint: ChargePoint;

  beforeEach(async () => {
    holding = false;
    held = [];
    chargePoint = (await env.boot()).station.chargePoint;
  });

  afterEach(() => {
    for (const release of held.splice(0)) release();
  });

  function getTransactionStatus(transactionId?: string): Promise<unknown> {
    return env.client.call('GetTransactionStatus', transactionId === undefined ? {} : { transactionId });
  }

  /** Starts holding TransactionEvent answers, runs `generate`, and waits until the CSMS holds the resulting event. */
  async function holdNextEvent(generate: () => Promise<void> | void): Promise<void> {
    holding = true;
    const since = env.csms.ledger.length;
    await generate();
    await waitUntil(() => held.length > 0 && transactionEvents(env.csms, since).length > 0, 'the CSMS to hold a TransactionEvent');
  }

  /** Waits until the station got every answer: its durable queue (the SQLite table) is empty. */
  async function delivered(): Promise<void> {
    await waitUntil(() => env.station.frames.quiet && env.station.stores.messageQueue.count() === 0, 'every queued message answered and removed');
  }

  /** Answers the held events and waits until the station has them out of its queue. */
  async function release(): Promise<void> {
    holding = false;
    for (const answer of held.splice(0)) answer();
    await delivered();
  }

  it('TC_E_28_CS Check Transaction status - TransactionId unknown', async () => {
    await expect(getTransactionStatus('unknown-transaction-id')).resolves.toEqual({ ongoingIndicator: false, messagesInQueue: false });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_29_CS Check Transaction status - Transaction with id ongoing - with message in queue', async () => {
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    await holdNextEvent(() => chargePoint.onChargingStateChanged(1, 'SuspendedEV'));
    await expect(getTransactionStatus(transactionId)).resolves.toEqual({ ongoingIndicator: true, messagesInQueue: true });
    await release();
    await expect(getTransactionStatus(transactionId)).resolves.toEqual({ ongoingIndicator: true, messagesInQueue: false });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_30_CS Check Transaction status - Transaction with id ongoing - without message in queue', async () => {
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    await delivered();
    await expect(getTransactionStatus(transactionId)).resolves.toEqual({ ongoingIndicator: true, messagesInQueue: false });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_31_CS Check Transaction status - Transaction with id ended - with message in queue', async () => {
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    await holdNextEvent(() => present(chargePoint, tokens.valid, 'stopped'));
    await waitForEnded(env.csms, transactionId);
    await expect(getTransactionStatus(transactionId)).resolves.toEqual({ ongoingIndicator: false, messagesInQueue: true });
    await release();
    await expect(getTransactionStatus(transactionId)).resolves.toEqual({ ongoingIndicator: false, messagesInQueue: false });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_32_CS Check Transaction status - Transaction with id ended - without message in queue', async () => {
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    await present(chargePoint, tokens.valid, 'stopped');
    await waitForEnded(env.csms, transactionId);
    await delivered();
    await expect(getTransactionStatus(transactionId)).resolves.toEqual({ ongoingIndicator: false, messagesInQueue: false });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_33_CS Check Transaction status - Without transactionId - with message in queue', async () => {
    const since = env.csms.ledger.length;
    await holdNextEvent(() => energyTransferStartedWithoutWaiting());
    await waitForEvent(env.csms, 'Started', (e) => e.eventType === 'Started', since);
    // E14: without transactionId the answer has no ongoingIndicator, only whether any transaction message waits.
    await expect(getTransactionStatus()).resolves.toEqual({ messagesInQueue: true });
    await release();
    await waitUntil(() => transactionEvents(env.csms, since).some((e) => e.transactionInfo.chargingState === 'Charging'), 'the Charging event');
    await delivered();
    await expect(getTransactionStatus()).resolves.toEqual({ messagesInQueue: false });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_34_CS Check Transaction status - Without transactionId - without message in queue', async () => {
    await energyTransferStarted(env.csms, chargePoint);
    await delivered();
    await expect(getTransactionStatus()).resolves.toEqual({ messagesInQueue: false });
    expect(env.csms.violations).toEqual([]);
  });

  /** Cable, card and Charging on EVSE 1, without waiting for the CSMS to receive the events (they may be held). */
  async function energyTransferStartedWithoutWaiting(): Promise<void> {
    chargePoint.onSessionStarted(1, 1);
    await present(chargePoint, tokens.valid, 'started');
    chargePoint.onChargingStateChanged(1, 'Charging');
  }
});
