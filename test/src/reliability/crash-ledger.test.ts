import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../support/strict-csms.js';
import { auditTransactionLedger } from './crash-ledger.js';

let id = 0;
/** A TransactionEvent CALL as the CSMS ledger records it. */
function event(transactionId: string, seqNo: number, eventType: string, extra: Record<string, unknown> = {}): LedgerEntry {
  id += 1;
  return { identity: 'CS', outbound: false, frame: [2, `m${id}`, 'TransactionEvent', { eventType, seqNo, triggerReason: 'Authorized', timestamp: 't', transactionInfo: { transactionId }, ...extra }] };
}

describe('R2 ledger audit', () => {
  it('accepts complete transactions and counts identical resends as duplicates', () => {
    const ledger = [event('a', 0, 'Started'), event('a', 1, 'Updated'), event('a', 1, 'Updated'), event('a', 2, 'Ended'), event('b', 0, 'Started'), event('b', 1, 'Ended')];
    expect(auditTransactionLedger(ledger)).toEqual({ transactions: 2, events: 6, duplicates: 1, problems: [] });
  });

  it('reports a seqNo gap (a lost event)', () => {
    const audit = auditTransactionLedger([event('a', 0, 'Started'), event('a', 2, 'Ended')]);
    expect(audit.problems).toEqual(['a: seqNo gap, received 0,2']);
  });

  it('reports a transaction without Ended and one without Started', () => {
    const audit = auditTransactionLedger([event('a', 0, 'Started'), event('a', 1, 'Updated'), event('b', 0, 'Updated'), event('b', 1, 'Ended')]);
    expect(audit.problems).toEqual(['a: last event (seqNo 1) is Updated, not Ended', 'a: 1 Started and 0 Ended', 'b: seqNo 0 is Updated, not Started', 'b: 0 Started and 1 Ended']);
  });

  it('reports a resend whose payload differs from the first copy', () => {
    const audit = auditTransactionLedger([event('a', 0, 'Started'), event('a', 1, 'Ended', { offline: true }), event('a', 1, 'Ended')]);
    expect(audit.problems).toEqual(['a seqNo 1 received twice with different payloads']);
  });
});
