import type { IdTokenType, MeterValueType, TransactionEventRequest } from '@evstation/core';
import { stationCalls, waitUntil } from './ocpp-frames.js';
import type { RunningStation } from './station-harness.js';
import type { StrictCsms } from './strict-csms.js';

/** The TransactionEventRequests the CSMS received since ledger index `since`, in order. */
export function transactionEvents(csms: StrictCsms, since = 0): TransactionEventRequest[] {
  return stationCalls<TransactionEventRequest>(csms, 'TransactionEvent', since);
}

/** Waits for a TransactionEventRequest since `since` that matches, and returns the first one that does. */
export async function waitForTransactionEvent(
  csms: StrictCsms,
  what: string,
  matches: (event: TransactionEventRequest) => boolean,
  since = 0,
): Promise<TransactionEventRequest> {
  await waitUntil(() => transactionEvents(csms, since).some(matches), `TransactionEvent ${what}`);
  return transactionEvents(csms, since).find(matches)!;
}

/** An Energy.Active.Import.Register reading in Wh (what a station reports through onMeterValue). */
export function energyReading(wh: number, at: Date): MeterValueType {
  return { timestamp: at.toISOString(), sampledValue: [{ value: wh, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }] };
}

/**
 * Reusable states EVConnectedPreSession, Authorized and EnergyTransferStarted on one EVSE (default config:
 * TxStartPoint PowerPathClosed): cable in, token presented at that EVSE's reader, EV charging. Returns the
 * transactionId once the CSMS has the event that reports Charging.
 */
export async function startCharging(station: RunningStation, csms: StrictCsms, evseId: number, idToken: IdTokenType): Promise<string> {
  const since = csms.ledger.length;
  station.chargePoint.onSessionStarted(evseId, 1);
  const presented = await station.chargePoint.presentIdToken(idToken, { evseId });
  if (presented.outcome !== 'started' && presented.outcome !== 'updated') throw new Error(`Token on EVSE ${evseId}: ${presented.outcome} (${presented.idTokenInfo.status})`);
  const started = await waitForTransactionEvent(csms, `Started on EVSE ${evseId}`, (e) => e.eventType === 'Started' && e.evse?.id === evseId, since);
  const { transactionId } = started.transactionInfo;
  station.chargePoint.onChargingStateChanged(evseId, 'Charging');
  await waitForTransactionEvent(csms, `Charging on EVSE ${evseId}`, (e) => e.transactionInfo.transactionId === transactionId && e.transactionInfo.chargingState === 'Charging', since);
  return transactionId;
}
