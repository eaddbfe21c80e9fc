// Emits generated/actions.ts: the action union, the direction table and the request/response maps.

/** Actions the Charging Station initiates (OCPP 2.0.1 Part 2; docs/ocpp201-catalog.md section 2). */
const CS_TO_CSMS = [
  'Authorize', 'BootNotification', 'ClearedChargingLimit', 'FirmwareStatusNotification', 'Get15118EVCertificate',
  'GetCertificateStatus', 'Heartbeat', 'LogStatusNotification', 'MeterValues', 'NotifyChargingLimit',
  'NotifyCustomerInformation', 'NotifyDisplayMessages', 'NotifyEVChargingNeeds', 'NotifyEVChargingSchedule',
  'NotifyEvent', 'NotifyMonitoringReport', 'NotifyReport', 'PublishFirmwareStatusNotification',
  'ReportChargingProfiles', 'ReservationStatusUpdate', 'SecurityEventNotification', 'SignCertificate',
  'StatusNotification', 'TransactionEvent',
];
/** Actions either side may initiate. */
const BOTH = ['DataTransfer'];

/** Returns the source of actions.ts for the sorted action names. */
export function emitActions(actions, header) {
  for (const name of [...CS_TO_CSMS, ...BOTH]) {
    if (!actions.includes(name)) throw new Error(`direction table names ${name}, which has no schema`);
  }
  const direction = (a) => (BOTH.includes(a) ? 'both' : CS_TO_CSMS.includes(a) ? 'CS->CSMS' : 'CSMS->CS');
  const typeNames = actions.flatMap((a) => [`${a}Request`, `${a}Response`]);
  return `${header}
import type {
${typeNames.map((t) => `  ${t},`).join('\n')}
} from './types.js';

/** Name of an OCPP 2.0.1 action (the second field of a CALL frame). */
export type OcppAction =
${actions.map((a) => `  | '${a}'`).join('\n')};

/** Which side sends the request of an action: the Charging Station (CS), the CSMS, or either. */
export type ActionDirection = 'CS->CSMS' | 'CSMS->CS' | 'both';

/** Every action with the side that initiates it, per OCPP 2.0.1 Part 2. */
export const ACTIONS: Readonly<Record<OcppAction, { readonly direction: ActionDirection }>> = Object.freeze({
${actions.map((a) => `  ${a}: { direction: '${direction(a)}' },`).join('\n')}
});

/** Request payload type of each action. */
export interface OcppRequestMap {
${actions.map((a) => `  ${a}: ${a}Request;`).join('\n')}
}

/** Response payload type of each action. */
export interface OcppResponseMap {
${actions.map((a) => `  ${a}: ${a}Response;`).join('\n')}
}

/** Request payload type of action A. */
export type RequestOf<A extends OcppAction> = OcppRequestMap[A];

/** Response payload type of action A. */
export type ResponseOf<A extends OcppAction> = OcppResponseMap[A];

/** True when name is one of the 64 OCPP 2.0.1 actions (an unknown action gets CALLERROR NotImplemented). */
export function isOcppAction(name: string): name is OcppAction {
  return Object.hasOwn(ACTIONS, name);
}
`;
}
