import { expect } from 'vitest';
import type { ChargePoint, ComponentDefinition, IdTokenType, MeterValueType } from '@evstation/core';
import type { StationOptions } from './station-harness.js';
import type { CsmsClient, StrictCsms } from './strict-csms.js';
import { tokens } from './token-csms.js';
import { waitForEvent } from './transaction-events.js';

/** `Component.Variable` or `Component.Variable[Instance]` -> its address. */
function address(key: string): { component: { name: string }; variable: { name: string; instance?: string } } {
  const match = /^(\w+)\.(\w+)(?:\[(\w+)\])?$/.exec(key);
  if (match === null) throw new Error(`Not a variable key: ${key}`);
  const [, component, variable, instance] = match;
  return { component: { name: component! }, variable: instance === undefined ? { name: variable! } : { name: variable!, instance } };
}

/** One device model value the harness sets at boot. */
export type ConfigValue = NonNullable<StationOptions['values']>[number];

/** One device model value: `setting('AuthCtrlr', 'LocalPreAuthorize', 'true')`. */
export function setting(component: string, variable: string, value: string): ConfigValue {
  return { component: { name: component }, variable: { name: variable }, value };
}

/** Harness config values from `{ 'TxCtrlr.TxStopPoint': 'Authorized', 'OCPPCommCtrlr.MessageAttempts[TransactionEvent]': '3' }`. */
export function configValues(values: Record<string, string>): NonNullable<StationOptions['values']> {
  return Object.entries(values).map(([key, value]) => ({ ...address(key), value }));
}

/** SetVariables from the CSMS, as the OCTT configures a case; every variable must be Accepted. */
export async function setVariables(client: CsmsClient, values: Record<string, string>): Promise<void> {
  const setVariableData = Object.entries(values).map(([key, attributeValue]) => ({ ...address(key), attributeValue }));
  const answer = (await client.call('SetVariables', { setVariableData })) as { setVariableResult: { attributeStatus: string }[] };
  expect(answer.setVariableResult.map((r) => r.attributeStatus)).toEqual(setVariableData.map(() => 'Accepted'));
}

/**
 * A station with a parking bay detector and a signed meter declares every TxStartPoint/TxStopPoint value (E01,
 * Part 2 Appendix: TxStartStopPoint); the standardized definition lists only what any station supports.
 */
export const allTxPointsAddition: ComponentDefinition = {
  component: { name: 'TxCtrlr' },
  variables: (['TxStartPoint', 'TxStopPoint'] as const).map((name) => ({
    variable: { name },
    characteristics: { dataType: 'MemberList' as const, valuesList: 'ParkingBayOccupancy,EVConnected,Authorized,DataSigned,PowerPathClosed,EnergyTransfer' },
    attributes: [{ mutability: 'ReadWrite' as const, value: name === 'TxStartPoint' ? 'PowerPathClosed' : 'EVConnected,Authorized' }],
    required: true,
  })),
};

/** An energy register reading of an EVSE's meter (J02), in Wh. */
export function energyReading(wh: number, at: Date, signed = false): MeterValueType {
  return {
    timestamp: at.toISOString(),
    sampledValue: [
      {
        value: wh,
        measurand: 'Energy.Active.Import.Register',
        unitOfMeasure: { unit: 'Wh' },
        ...(signed ? { signedMeterValue: { signedMeterData: 'U0lHTkVE', signingMethod: 'ECDSA-secp256r1-SHA256', encodingMethod: 'OCMF', publicKey: '' } } : {}),
      },
    ],
  };
}

/** The transaction running on an EVSE now (fails when there is none). */
export function transactionIdOn(chargePoint: ChargePoint, evseId: number): string {
  const tx = chargePoint.activeTransactions().find((t) => t.evseId === evseId);
  if (tx === undefined) throw new Error(`No transaction on EVSE ${evseId}`);
  return tx.transactionId;
}

/** Presents a card at the station and expects what it did (started, authorized, stopped...). */
export async function present(chargePoint: ChargePoint, idToken: IdTokenType, expected: string, evseId = 1): Promise<void> {
  const result = await chargePoint.presentIdToken(idToken, { evseId });
  expect(result.outcome).toBe(expected);
}

/**
 * Reusable states EVConnectedPreSession, Authorized and EnergyTransferStarted on one EVSE: the cable is plugged in,
 * the card presented at that EVSE's reader (Accepted, starting the transaction or, when a start point before it
 * already did, updating it) and the EV charges. Returns the transactionId once the CSMS has received the event with
 * chargingState Charging.
 */
export async function energyTransferStarted(csms: StrictCsms, chargePoint: ChargePoint, evseId = 1, idToken: IdTokenType = tokens.valid): Promise<string> {
  const since = csms.ledger.length;
  chargePoint.onSessionStarted(evseId, 1);
  const presented = await chargePoint.presentIdToken(idToken, { evseId });
  expect(presented.idTokenInfo.status).toBe('Accepted');
  expect(['started', 'updated']).toContain(presented.outcome);
  chargePoint.onChargingStateChanged(evseId, 'Charging');
  const transactionId = transactionIdOn(chargePoint, evseId);
  await waitForEvent(csms, 'with chargingState Charging', (e) => e.transactionInfo.transactionId === transactionId && e.transactionInfo.chargingState === 'Charging', since);
  return transactionId;
}
