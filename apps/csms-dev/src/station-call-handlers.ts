import type { OcppAction, RequestOf, ResponseOf } from '@evstation/core';
import { authorizationStatus, type CsmsPolicy } from './policy.js';
import type { StationRegistry } from './station-registry.js';

/** Every action a Charging Station initiates (direction CS->CSMS or both in the action table). */
export type StationInitiatedAction =
  | 'Authorize'
  | 'BootNotification'
  | 'ClearedChargingLimit'
  | 'DataTransfer'
  | 'FirmwareStatusNotification'
  | 'Get15118EVCertificate'
  | 'GetCertificateStatus'
  | 'Heartbeat'
  | 'LogStatusNotification'
  | 'MeterValues'
  | 'NotifyChargingLimit'
  | 'NotifyCustomerInformation'
  | 'NotifyDisplayMessages'
  | 'NotifyEVChargingNeeds'
  | 'NotifyEVChargingSchedule'
  | 'NotifyEvent'
  | 'NotifyMonitoringReport'
  | 'NotifyReport'
  | 'PublishFirmwareStatusNotification'
  | 'ReportChargingProfiles'
  | 'ReservationStatusUpdate'
  | 'SecurityEventNotification'
  | 'SignCertificate'
  | 'StatusNotification'
  | 'TransactionEvent';

/** Answers one station CALL; the identity says which station sent it. */
export type StationCallHandler<A extends OcppAction> = (identity: string, request: RequestOf<A>) => ResponseOf<A>;

/** One handler per station-initiated action; the mapped type makes a forgotten action a compile error. */
export type StationCallHandlers = { readonly [A in StationInitiatedAction]: StationCallHandler<A> };

/** What the handlers read and update. */
export interface StationCallHandlersDeps {
  readonly policy: () => CsmsPolicy;
  readonly registry: StationRegistry;
  readonly now: () => Date;
}

/** A reason code (StatusInfoType.reasonCode, <= 20 chars) for what a development CSMS cannot do. */
const NOT_SUPPORTED = { reasonCode: 'NotSupported', additionalInfo: 'csms-dev has no V2G/OCSP back end' } as const;

/** Builds the answers of csms-dev to every station-initiated action, each schema-valid (OCPP 2.0.1 Part 2). */
export function createStationCallHandlers(deps: StationCallHandlersDeps): StationCallHandlers {
  const { policy, registry, now } = deps;
  const ack = (): Record<string, never> => ({});
  return {
    BootNotification: (identity, request) => {
      // B01-B03: one policy for every station; with Pending/Rejected the interval is the wait before the retry.
      const { boot, heartbeatInterval } = policy();
      registry.booted(identity, request, boot);
      return { currentTime: now().toISOString(), interval: heartbeatInterval, status: boot };
    },
    Heartbeat: (identity) => {
      registry.heartbeat(identity);
      return { currentTime: now().toISOString() };
    },
    StatusNotification: (identity, request) => {
      registry.statusNotification(identity, request);
      return {};
    },
    Authorize: (_identity, request) => ({ idTokenInfo: { status: authorizationStatus(policy(), request.idToken) } }),
    TransactionEvent: (identity, request) => {
      registry.transactionEvent(identity, request);
      // E01-E07: idTokenInfo only answers an idToken the event carries.
      return request.idToken === undefined ? {} : { idTokenInfo: { status: authorizationStatus(policy(), request.idToken) } };
    },
    DataTransfer: () => ({ status: 'UnknownVendorId' }),
    SignCertificate: () => ({ status: 'Accepted' }),
    NotifyEVChargingNeeds: () => ({ status: 'Accepted' }),
    NotifyEVChargingSchedule: () => ({ status: 'Accepted' }),
    Get15118EVCertificate: () => ({ status: 'Failed', exiResponse: '', statusInfo: NOT_SUPPORTED }),
    GetCertificateStatus: () => ({ status: 'Failed', statusInfo: NOT_SUPPORTED }),
    MeterValues: ack,
    NotifyReport: ack,
    NotifyEvent: ack,
    SecurityEventNotification: ack,
    FirmwareStatusNotification: ack,
    LogStatusNotification: ack,
    NotifyCustomerInformation: ack,
    NotifyMonitoringReport: ack,
    NotifyChargingLimit: ack,
    ClearedChargingLimit: ack,
    ReportChargingProfiles: ack,
    NotifyDisplayMessages: ack,
    ReservationStatusUpdate: ack,
    PublishFirmwareStatusNotification: ack,
  };
}
