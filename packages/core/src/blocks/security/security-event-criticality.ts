import type { SecurityEventType } from '../../ports/security-event.js';

/**
 * Which standard security events are critical (pushed to the CSMS with SecurityEventNotification, A04.FR.02):
 * the OCPP 2.0.1 Appendices v1.4 CSV marks 14 of the 20 as critical (reliability.md §1.7). Stations may override.
 */
export const DEFAULT_SECURITY_EVENT_CRITICALITY: Readonly<Record<SecurityEventType, boolean>> = {
  FirmwareUpdated: true,
  FailedToAuthenticateAtCsms: false,
  CsmsFailedToAuthenticate: false,
  SettingSystemTime: true,
  StartupOfTheDevice: true,
  ResetOrReboot: true,
  SecurityLogWasCleared: true,
  ReconfigurationOfSecurityParameters: false,
  MemoryExhaustion: true,
  InvalidMessages: false,
  AttemptedReplayAttacks: false,
  TamperDetectionActivated: true,
  InvalidFirmwareSignature: true,
  InvalidFirmwareSigningCertificate: true,
  InvalidCsmsCertificate: true,
  InvalidChargingStationCertificate: true,
  InvalidTLSVersion: true,
  InvalidTLSCipherSuite: true,
  MaintenanceLoginAccepted: true,
  MaintenanceLoginFailed: true,
};
