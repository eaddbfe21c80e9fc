import { expect } from 'vitest';
import type { MeterValueType, TransactionEventRequest } from '@evstation/core';
import type { SimulatedEvse } from '@evstation/adapters-hw';
import type { EvseStation } from '../support/evse-station.js';
import { transactionEvents } from '../support/transaction-events.js';

/** The driver's RFID card as the simulated reader reports it (ISO14443 UIDs are upper-cased). */
export const CARD = 'AA11BB22';

/** The lock's 600 ms pulse and 200 ms settle (hardware.md 6.1 defaults), with room to spare. */
export const LOCK_MS = 1_000;

/** A jammed lock: three 600 ms pulses, 200 ms settles and two 500 ms pauses, with room to spare. */
export const JAMMED_LOCK_MS = 4_000;

/** The simulated EV's draw: 16 A on three phases at 230 V. */
export const EV_POWER_W = 11_040;

/** What the EVSE looked like each time its contactor closed. */
export interface ContactorClosing {
  lock: string;
  authorized: boolean;
}

/** Records every closing of EVSE `evseId`'s contactor with the lock state and the ChargePoint's authorization then. */
export function watchContactor(s: EvseStation, evseId: number): ContactorClosing[] {
  const closings: ContactorClosing[] = [];
  const evse = s.evse(evseId);
  evse.controller.onEvent((event) => {
    if (event.kind === 'relay' && event.closed) closings.push({ lock: evse.lock.state(), authorized: s.station.chargePoint.isAuthorized(evseId) });
  });
  return closings;
}

/** How often the lock motor was driven (either direction) on EVSE `evse`. */
export function lockPulses(evse: SimulatedEvse, direction?: 'lock' | 'unlock'): number {
  return evse.lock.mechanism.driveLog.filter(([, role, level]) => level === 1 && (direction === undefined || role === direction)).length;
}

/** The Energy.Active.Import.Register total (no phase) of a meter value, Wh. */
export function energyWh(meterValue: MeterValueType): number | undefined {
  return meterValue.sampledValue.find((sv) => sv.measurand === 'Energy.Active.Import.Register' && sv.phase === undefined)?.value;
}

/** [timestamp, context, Wh] of every energy register total in a TransactionEvent, in order. */
export function energies(event: TransactionEventRequest): [string, string | undefined, number][] {
  return (event.meterValue ?? []).flatMap((mv) =>
    mv.sampledValue
      .filter((sv) => sv.measurand === 'Energy.Active.Import.Register' && sv.phase === undefined)
      .map((sv): [string, string | undefined, number] => [mv.timestamp, sv.context, sv.value]),
  );
}

/** The Started event on EVSE `evseId` since ledger index `since` (fails when there is none). */
export function startedOn(s: EvseStation, evseId: number, since: number): TransactionEventRequest {
  const started = transactionEvents(s.csms, since).find((e) => e.eventType === 'Started' && e.evse?.id === evseId);
  if (started === undefined) throw new Error(`No transaction started on EVSE ${evseId}`);
  return started;
}

/**
 * Reusable state EnergyTransferStarted on EVSE `evseId`, driven from the hardware only: the EV plugged in, the card
 * held to the EVSE's reader, the lock driven and the contactor closed. Returns the transactionId.
 */
export async function chargingByCard(s: EvseStation, evseId = 1): Promise<string> {
  const since = s.csms.ledger.length;
  const evse = s.evse(evseId);
  evse.command({ type: 'plug-in' });
  evse.command({ type: 'present-token', idToken: CARD });
  await s.run(LOCK_MS);
  expect(evse.snapshot()).toMatchObject({ cp: 'C', relayClosed: true, lock: 'locked', powerW: EV_POWER_W });
  return startedOn(s, evseId, since).transactionInfo.transactionId;
}
