import { callAction } from '../support/ocpp-frames.js';
import type { LedgerEntry } from '../support/strict-csms.js';

/** One TransactionEvent as the CSMS received it. */
interface ReceivedEvent {
  transactionId: string;
  seqNo: number;
  eventType: string;
  payload: string;
}

/** What the CSMS ledger says about the transactions it saw (R2). */
export interface LedgerAudit {
  transactions: number;
  events: number;
  /** Resends of an event the CSMS already had (same transactionId and seqNo, identical payload): allowed. */
  duplicates: number;
  /** Everything that breaks R2: missing Started or Ended, gaps, duplicates that differ, events after Ended. */
  problems: string[];
}

/**
 * R2 (reliability.md §4.2): per transactionId exactly one Started (seqNo 0) and one Ended (the last seqNo), seqNo
 * contiguous from 0, and duplicates only as identical resends.
 */
export function auditTransactionLedger(ledger: readonly LedgerEntry[]): LedgerAudit {
  const byTransaction = new Map<string, Map<number, ReceivedEvent>>();
  const problems: string[] = [];
  let events = 0;
  let duplicates = 0;
  for (const entry of ledger) {
    if (entry.outbound || callAction(entry.frame) !== 'TransactionEvent') continue;
    const payload = (entry.frame as unknown[])[3] as { eventType: string; seqNo: number; transactionInfo: { transactionId: string } };
    const event: ReceivedEvent = { transactionId: payload.transactionInfo.transactionId, seqNo: payload.seqNo, eventType: payload.eventType, payload: JSON.stringify(payload) };
    events += 1;
    const seen = byTransaction.get(event.transactionId) ?? new Map<number, ReceivedEvent>();
    byTransaction.set(event.transactionId, seen);
    const earlier = seen.get(event.seqNo);
    if (earlier === undefined) seen.set(event.seqNo, event);
    else if (earlier.payload === event.payload) duplicates += 1;
    else problems.push(`${event.transactionId} seqNo ${event.seqNo} received twice with different payloads`);
  }
  for (const [transactionId, seen] of byTransaction) {
    const seqNos = [...seen.keys()].sort((a, b) => a - b);
    const last = seqNos.at(-1) ?? -1;
    if (seqNos.length !== last + 1) problems.push(`${transactionId}: seqNo gap, received ${seqNos.join(',')}`);
    const types = seqNos.map((n) => seen.get(n)?.eventType);
    if (types[0] !== 'Started') problems.push(`${transactionId}: seqNo 0 is ${types[0] ?? 'missing'}, not Started`);
    if (types.at(-1) !== 'Ended') problems.push(`${transactionId}: last event (seqNo ${last}) is ${types.at(-1) ?? 'missing'}, not Ended`);
    const startedCount = types.filter((t) => t === 'Started').length;
    const endedCount = types.filter((t) => t === 'Ended').length;
    if (startedCount !== 1 || endedCount !== 1) problems.push(`${transactionId}: ${startedCount} Started and ${endedCount} Ended`);
  }
  return { transactions: byTransaction.size, events, duplicates, problems };
}
