import type { IdTokenType, RequestOf, TransactionEventRequest } from '@evstation/core';
import type { StationInitiatedAction } from '../station-call-handlers.js';

const AT = '2025-01-01T12:00:00.000Z';

/** A schema-valid BootNotificationRequest (B01). */
export const bootRequest: RequestOf<'BootNotification'> = { reason: 'PowerUp', chargingStation: { model: 'SimModel', vendorName: 'evstation' } };

/** A TransactionEventRequest (E01-E07) for one EVSE; the idToken is included when given. */
export function transactionEvent(
  eventType: TransactionEventRequest['eventType'],
  transactionId: string,
  seqNo: number,
  idToken?: IdTokenType,
): TransactionEventRequest {
  return {
    eventType,
    timestamp: AT,
    triggerReason: eventType === 'Started' ? 'Authorized' : eventType === 'Ended' ? 'StopAuthorized' : 'ChargingStateChanged',
    seqNo,
    transactionInfo: { transactionId, chargingState: eventType === 'Ended' ? 'Idle' : 'Charging' },
    evse: { id: 1, connectorId: 1 },
    ...(idToken === undefined ? {} : { idToken }),
  };
}

/** One schema-valid request of every station-initiated action, as a station would send it. */
export const SAMPLE_REQUESTS: { readonly [A in StationInitiatedAction]: RequestOf<A> } = {
  Authorize: { idToken: { idToken: 'AA11', type: 'ISO14443' } },
  BootNotification: bootRequest,
  ClearedChargingLimit: { chargingLimitSource: 'EMS', evseId: 1 },
  DataTransfer: { vendorId: 'com.example', messageId: 'hello', data: { any: 'thing' } },
  FirmwareStatusNotification: { status: 'Downloading', requestId: 1 },
  Get15118EVCertificate: { iso15118SchemaVersion: 'urn:iso:15118:2:2013:MsgDef', action: 'Install', exiRequest: 'AAEC' },
  GetCertificateStatus: {
    ocspRequestData: { hashAlgorithm: 'SHA256', issuerNameHash: 'aa', issuerKeyHash: 'bb', serialNumber: '01', responderURL: 'http://ocsp.example.com' },
  },
  Heartbeat: {},
  LogStatusNotification: { status: 'Uploading', requestId: 2 },
  MeterValues: { evseId: 1, meterValue: [{ timestamp: AT, sampledValue: [{ value: 1234.5, measurand: 'Energy.Active.Import.Register' }] }] },
  NotifyChargingLimit: { chargingLimit: { chargingLimitSource: 'SO', isGridCritical: false }, evseId: 1 },
  NotifyCustomerInformation: { data: 'no data', seqNo: 0, generatedAt: AT, requestId: 3 },
  NotifyDisplayMessages: { requestId: 4 },
  NotifyEVChargingNeeds: { evseId: 1, chargingNeeds: { requestedEnergyTransfer: 'AC_three_phase' } },
  NotifyEVChargingSchedule: {
    timeBase: AT,
    evseId: 1,
    chargingSchedule: { id: 1, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
  },
  NotifyEvent: {
    generatedAt: AT,
    seqNo: 0,
    eventData: [
      {
        eventId: 1,
        timestamp: AT,
        trigger: 'Delta',
        actualValue: 'Occupied',
        eventNotificationType: 'HardWiredNotification',
        component: { name: 'Connector', evse: { id: 1, connectorId: 1 } },
        variable: { name: 'AvailabilityState' },
      },
    ],
  },
  NotifyMonitoringReport: { requestId: 5, seqNo: 0, generatedAt: AT },
  NotifyReport: {
    requestId: 6,
    seqNo: 0,
    generatedAt: AT,
    reportData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, variableAttribute: [{ value: '300' }] }],
  },
  PublishFirmwareStatusNotification: { status: 'Idle' },
  ReportChargingProfiles: {
    requestId: 7,
    chargingLimitSource: 'CSO',
    evseId: 1,
    chargingProfile: [
      {
        id: 1,
        stackLevel: 0,
        chargingProfilePurpose: 'TxDefaultProfile',
        chargingProfileKind: 'Absolute',
        chargingSchedule: [{ id: 1, chargingRateUnit: 'W', startSchedule: AT, chargingSchedulePeriod: [{ startPeriod: 0, limit: 11_000 }] }],
      },
    ],
  },
  ReservationStatusUpdate: { reservationId: 8, reservationUpdateStatus: 'Expired' },
  SecurityEventNotification: { type: 'StartupOfTheDevice', timestamp: AT },
  SignCertificate: { csr: '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----' },
  StatusNotification: { timestamp: AT, connectorStatus: 'Available', evseId: 1, connectorId: 1 },
  TransactionEvent: transactionEvent('Started', 'tx-sample', 0, { idToken: 'AA11', type: 'ISO14443' }),
};
