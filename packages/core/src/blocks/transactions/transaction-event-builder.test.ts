import { describe, expect, it } from 'vitest';
import type { SessionWithTransaction } from './evse-session.js';
import { planTransactionEvent, type PlannedEvent } from './transaction-event-builder.js';
import { ACCEPTED, expectValid, makeTransactions } from './transactions.test-kit.js';

const at = new Date('2026-03-01T12:00:00.000Z');

/** The payload for a seqNo, checked against the official schema. */
function payloadOf(plan: PlannedEvent, seqNo: number) {
  const payload = plan.payload(seqNo);
  expectValid(payload);
  return payload;
}

function session(change: Partial<SessionWithTransaction> = {}): SessionWithTransaction {
  return {
    evseId: 1,
    facts: { parkingBayOccupied: false, evConnected: false, authorized: true, dataSigned: false, chargingState: 'Idle' },
    idToken: { idToken: 'T1', type: 'ISO14443' },
    transaction: { transactionId: 'tx-1', startedAt: at.toISOString(), reported: { evse: 'none', idToken: false, chargingState: 'Idle' } },
    ...change,
  };
}

describe('planTransactionEvent (pure)', () => {
  it('E01.FR.16/E03.FR.01: the first event has evse and idToken, and the next one has neither', () => {
    const first = planTransactionEvent(session(), { eventType: 'Started', triggerReason: 'Authorized', timestamp: at, offline: false });
    const payload = payloadOf(first, 0);
    expect(payload).toEqual({ eventType: 'Started', timestamp: at.toISOString(), triggerReason: 'Authorized', seqNo: 0, transactionInfo: { transactionId: 'tx-1' }, evse: { id: 1 }, idToken: { idToken: 'T1', type: 'ISO14443' } });
    const second = planTransactionEvent(first.session, { eventType: 'Updated', triggerReason: 'MeterValuePeriodic', timestamp: at, offline: false });
    expect(payloadOf(second, 1)).toEqual({ eventType: 'Updated', timestamp: at.toISOString(), triggerReason: 'MeterValuePeriodic', seqNo: 1, transactionInfo: { transactionId: 'tx-1' } });
  });

  it('E01.FR.16: an evse sent before the EV connected is sent once more with its connectorId', () => {
    const started = planTransactionEvent(session(), { eventType: 'Started', triggerReason: 'Authorized', timestamp: at, offline: false }).session;
    const plugged = { ...started, facts: { ...started.facts, evConnected: true, connectorId: 2, chargingState: 'EVConnected' as const } };
    const update = planTransactionEvent(plugged, { eventType: 'Updated', triggerReason: 'CablePluggedIn', timestamp: at, offline: false });
    expect(payloadOf(update, 1)).toMatchObject({ evse: { id: 1, connectorId: 2 }, transactionInfo: { chargingState: 'EVConnected' } });
    expect(payloadOf(planTransactionEvent(update.session, { eventType: 'Updated', triggerReason: 'Trigger', timestamp: at, offline: false }), 2).evse).toBeUndefined();
  });

  it('F01/H03: remoteStartId and reservationId once; E04.FR.03 offline; E06 stoppedReason only in Ended', () => {
    const pending = session({ pendingRemoteStartId: 9, pendingReservationId: 4 });
    const first = planTransactionEvent(pending, { eventType: 'Started', triggerReason: 'RemoteStart', timestamp: at, offline: true, stoppedReason: 'Local' });
    expect(payloadOf(first, 0)).toMatchObject({ offline: true, reservationId: 4, transactionInfo: { transactionId: 'tx-1', remoteStartId: 9 } });
    expect(payloadOf(first, 0).transactionInfo.stoppedReason).toBeUndefined();
    expect(first.session.pendingRemoteStartId).toBeUndefined();
    const ended = payloadOf(planTransactionEvent(first.session, { eventType: 'Ended', triggerReason: 'StopAuthorized', timestamp: at, offline: false, stoppedReason: 'Local' }), 1);
    expect(ended).toEqual({ eventType: 'Ended', timestamp: at.toISOString(), triggerReason: 'StopAuthorized', seqNo: 1, transactionInfo: { transactionId: 'tx-1', stoppedReason: 'Local' } });
  });

  it('a payload that breaks the schema fails the test kit before it is queued (DESIGN rule 7)', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'Authorized' } });
    expect(() => kit.manager.onAuthorized(1, { idToken: 'x'.repeat(37), type: 'ISO14443' }, ACCEPTED)).toThrow(/Invalid TransactionEventRequest/);
    expect(kit.queued()).toEqual([]);
  });
});
