import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FakeClock, type ChargePoint, type TransactionEventRequest } from '@evstation/core';
import { stationPerTest } from '../support/station-per-test.js';
import { acceptingHandlers, flushStation, waitUntil } from '../support/ocpp-frames.js';
import { advanceQuietly } from '../support/quiet-clock.js';
import { configValues, energyTransferStarted, setVariables } from '../support/charging-session.js';
import { distinctBySeqNo, eventsOf, expectWellFormed, transactionEvents } from '../support/transaction-events.js';

const { NOREPLY, createRPCError } = createRequire(import.meta.url)('ocpp-rpc') as { NOREPLY: symbol; createRPCError: (type: string, message?: string) => Error };

/*
 * E13 transaction message retries (OCTT "Retry sending transaction message when failed"), on a FakeClock so the
 * waits are driven, not slept: the active network profile's messageTimeout 10 s, MessageAttempts[TransactionEvent] 3 and
 * MessageAttemptInterval[TransactionEvent] 10 s (set over the wire, as the OCTT does). The CSMS fails one
 * TransactionEvent (the EV suspending) by not answering (timeout) or by a CALLERROR. MessageAttempts counts every
 * attempt, the first one included; attempt n+1 waits MessageAttemptInterval x n after attempt n failed; after the
 * last failed attempt the event is dropped and the next queued one goes out.
 */
type Answer = 'no reply' | 'CALLERROR' | 'answer';

/** The harness's network connection profile gives messageTimeout 10 s: a CALL without answer fails after it. */
const TIMEOUT = 10_000;

describe('E13 TransactionEvent retries against a strict CSMS (SQLite file, FakeClock)', () => {
  const transactionEvent = (params: unknown) => {
    if (!isFailing(params as TransactionEventRequest)) return {};
    const answer = script.shift() ?? 'answer';
    if (answer === 'no reply') return NOREPLY;
    if (answer === 'CALLERROR') throw createRPCError('InternalError', 'the CSMS could not process it');
    return {};
  };
  const env = stationPerTest(() => ({ handlers: acceptingHandlers({ TransactionEvent: transactionEvent }) }));
  let chargePoint: ChargePoint;
  let clock: FakeClock;
  /** How the CSMS answers the successive attempts of the failing event. */
  let script: Answer[];

  const isFailing = (e: TransactionEventRequest) => e.triggerReason === 'ChargingStateChanged' && e.transactionInfo.chargingState === 'SuspendedEV';

  async function boot(answers: Answer[]): Promise<{ transactionId: string; since: number }> {
    script = [...answers];
    clock = new FakeClock(new Date());
    await env.boot({
      clock,
      values: configValues({ 'SampledDataCtrlr.TxUpdatedInterval': '0' }),
    });
    chargePoint = env.station.chargePoint;
    await setVariables(env.client, { 'OCPPCommCtrlr.MessageAttempts[TransactionEvent]': '3', 'OCPPCommCtrlr.MessageAttemptInterval[TransactionEvent]': '10' });
    const since = env.csms.ledger.length;
    const transactionId = await energyTransferStarted(env.csms, chargePoint);
    return { transactionId, since };
  }

  /** The attempts of the failing event the CSMS has received. */
  function attempts(since: number): TransactionEventRequest[] {
    return transactionEvents(env.csms, since).filter(isFailing);
  }

  /** The EV suspends (the failing event), then charges again (the event queued behind it). */
  async function suspendAndResume(since: number): Promise<void> {
    chargePoint.onChargingStateChanged(1, 'SuspendedEV');
    chargePoint.onChargingStateChanged(1, 'Charging');
    await waitUntil(() => attempts(since).length === 1, 'the first attempt');
  }

  /** Lets `ms` pass and expects exactly `count` attempts so far; `unanswered`: attempts the CSMS never answers, by the end of the step. */
  async function after(ms: number, count: number, since: number, unanswered: number): Promise<void> {
    await advanceQuietly(clock, env.station.frames, ms, { station: unanswered });
    await waitUntil(() => attempts(since).length >= count, `attempt ${count}`);
    expect(attempts(since)).toHaveLength(count);
  }

  /** Waits for the event queued behind the failing one and checks the whole transaction as the CSMS saw it. */
  async function nextEventDelivered(transactionId: string, since: number, unanswered: number): Promise<TransactionEventRequest[]> {
    await waitUntil(() => transactionEvents(env.csms, since).some((e) => e.transactionInfo.chargingState === 'Charging' && e.seqNo > attempts(since)[0]!.seqNo), 'the next event');
    await advanceQuietly(clock, env.station.frames, 0, { station: unanswered });
    await flushStation(env.csms, env.client);
    const received = eventsOf(env.csms, transactionId, since);
    expectWellFormed(distinctBySeqNo(received));
    // Every attempt is the same message (same seqNo and content), each a new CALL with its own message id.
    const copies = attempts(since);
    for (const copy of copies) expect(copy).toEqual(copies[0]);
    const callIds = env.csms.ledger.filter((e) => !e.outbound && Array.isArray(e.frame) && e.frame[2] === 'TransactionEvent' && isFailing(e.frame[3] as TransactionEventRequest)).map((e) => (e.frame as unknown[])[1]);
    expect(new Set(callIds).size).toBe(copies.length);
    return received;
  }

  it('TC_E_41_CS Retry sending transaction message when failed - Max retry count reached', async () => {
    const { transactionId, since } = await boot(['no reply', 'no reply', 'no reply']);
    await suspendAndResume(since);
    await after(TIMEOUT + 9_999, 1, since, 1);
    await after(1, 2, since, 2);
    await after(TIMEOUT + 19_999, 2, since, 2);
    await after(1, 3, since, 3);
    // The third timeout ends the attempts: the event is dropped and the next one goes out at once.
    await after(TIMEOUT, 3, since, 3);
    await nextEventDelivered(transactionId, since, 3);
    await advanceQuietly(clock, env.station.frames, 120_000, { station: 3 });
    expect(attempts(since)).toHaveLength(3);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_50_CS Retry sending transaction message when failed - Max retry count reached - CallError', async () => {
    const { transactionId, since } = await boot(['CALLERROR', 'CALLERROR', 'CALLERROR']);
    await suspendAndResume(since);
    await after(9_999, 1, since, 0);
    await after(1, 2, since, 0);
    await after(19_999, 2, since, 0);
    await after(1, 3, since, 0);
    await nextEventDelivered(transactionId, since, 0);
    await advanceQuietly(clock, env.station.frames, 120_000);
    expect(attempts(since)).toHaveLength(3);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_42_CS Retry sending transaction message when failed - Success before reaching the max retry count', async () => {
    const { transactionId, since } = await boot(['no reply', 'answer']);
    await suspendAndResume(since);
    await after(TIMEOUT + 9_999, 1, since, 1);
    await after(1, 2, since, 1);
    await nextEventDelivered(transactionId, since, 1);
    await advanceQuietly(clock, env.station.frames, 120_000, { station: 1 });
    expect(attempts(since)).toHaveLength(2);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_E_51_CS Retry sending transaction message when failed - Success before reaching the max retry count - CallError', async () => {
    const { transactionId, since } = await boot(['CALLERROR', 'answer']);
    await suspendAndResume(since);
    await after(9_999, 1, since, 0);
    await after(1, 2, since, 0);
    await nextEventDelivered(transactionId, since, 0);
    await advanceQuietly(clock, env.station.frames, 120_000);
    expect(attempts(since)).toHaveLength(2);
    expect(env.csms.violations).toEqual([]);
  });
});
