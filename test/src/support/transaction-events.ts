import { expect } from 'vitest';
import type { TransactionEventRequest } from '@evstation/core';
import { stationCalls, waitUntil } from './ocpp-frames.js';
import type { StrictCsms } from './strict-csms.js';

/** What the E cases compare of one TransactionEvent: the fields the OCTT validates, absent ones left out. */
export interface EventSummary {
  eventType: string;
  triggerReason: string;
  chargingState?: string;
  stoppedReason?: string;
  idToken?: string;
  offline?: boolean;
}

/** The TransactionEventRequests stations sent to `csms` from ledger index `since` on, in the order received (retries included). */
export function transactionEvents(csms: StrictCsms, since = 0): TransactionEventRequest[] {
  return stationCalls<TransactionEventRequest>(csms, 'TransactionEvent', since);
}

/** The events of one transaction, in the order received. */
export function eventsOf(csms: StrictCsms, transactionId: string, since = 0): TransactionEventRequest[] {
  return transactionEvents(csms, since).filter((e) => e.transactionInfo.transactionId === transactionId);
}

/** Waits until a TransactionEvent matching `predicate` has arrived (since `since`) and returns the first one. */
export async function waitForEvent(csms: StrictCsms, what: string, predicate: (event: TransactionEventRequest) => boolean, since = 0, timeoutMs = 10_000): Promise<TransactionEventRequest> {
  await waitUntil(() => transactionEvents(csms, since).some(predicate), `TransactionEvent ${what}`, timeoutMs);
  return transactionEvents(csms, since).find(predicate)!;
}

/** Waits for the Ended event of a transaction. */
export function waitForEnded(csms: StrictCsms, transactionId: string, since = 0): Promise<TransactionEventRequest> {
  return waitForEvent(csms, `Ended of ${transactionId}`, (e) => e.eventType === 'Ended' && e.transactionInfo.transactionId === transactionId, since);
}

/** The fields of an event a case compares with toEqual. */
export function summary(event: TransactionEventRequest): EventSummary {
  const { transactionInfo: info } = event;
  return {
    eventType: event.eventType,
    triggerReason: event.triggerReason,
    ...(info.chargingState === undefined ? {} : { chargingState: info.chargingState }),
    ...(info.stoppedReason === undefined ? {} : { stoppedReason: info.stoppedReason }),
    ...(event.idToken === undefined ? {} : { idToken: event.idToken.idToken }),
    ...(event.offline === undefined ? {} : { offline: event.offline }),
  };
}

/**
 * The rules every transaction's stream must keep, whatever the case (E01.FR.07/16, E03, E06): one transactionId,
 * seqNo 0..n-1 without gap in the order received, Started first and only first, Ended at most once and last, evse in
 * the first event (and at most once more, to add the connectorId once the EV connected), and the idToken once per
 * authorization: once when it authorizes, and once more in the event where the driver ends the authorization
 * (TransactionEventRequest.idToken is required in both).
 */
export function expectWellFormed(events: readonly TransactionEventRequest[]): void {
  expect(events.length).toBeGreaterThan(0);
  const ids = new Set(events.map((e) => e.transactionInfo.transactionId));
  expect(ids.size).toBe(1);
  expect(events.map((e) => e.seqNo)).toEqual(events.map((_e, i) => i));
  expect(events.map((e) => e.eventType === 'Started')).toEqual(events.map((_e, i) => i === 0));
  const ended = events.findIndex((e) => e.eventType === 'Ended');
  if (ended !== -1) expect(ended).toBe(events.length - 1);
  const first = events[0]!;
  expect(first.evse).toBeDefined();
  const laterEvse = events.slice(1).filter((e) => e.evse !== undefined);
  expect(laterEvse.length).toBeLessThanOrEqual(first.evse?.connectorId === undefined ? 1 : 0);
  for (const e of laterEvse) {
    expect(e.evse?.id).toBe(first.evse?.id);
    expect(e.evse?.connectorId).toBeGreaterThan(0);
  }
  const authorizing = events.filter((e) => e.triggerReason !== 'StopAuthorized');
  const tokens = authorizing.flatMap((e) => (e.idToken === undefined ? [] : [`${e.idToken.type}:${e.idToken.idToken.toLowerCase()}`]));
  expect(new Set(tokens).size).toBe(tokens.length);
  for (const stop of events.filter((e) => e.triggerReason === 'StopAuthorized')) expect(stop.idToken, `seqNo ${stop.seqNo} StopAuthorized without idToken`).toBeDefined();
}

/** One event per seqNo (the first copy): what a CSMS keeps when it de-duplicates retries on (transactionId, seqNo). */
export function distinctBySeqNo(events: readonly TransactionEventRequest[]): TransactionEventRequest[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = `${e.transactionInfo.transactionId}#${e.seqNo}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
