/**
 * The standard security event names of OCPP 2.0.1 Part 2 Appendix 1 (A04). Stack-specific names may be added.
 */
export type SecurityEventType =
  | 'FirmwareUpdated'
  | 'FailedToAuthenticateAtCsms'
  | 'CsmsFailedToAuthenticate'
  | 'SettingSystemTime'
  | 'StartupOfTheDevice'
  | 'ResetOrReboot'
  | 'SecurityLogWasCleared'
  | 'ReconfigurationOfSecurityParameters'
  | 'MemoryExhaustion'
  | 'InvalidMessages'
  | 'AttemptedReplayAttacks'
  | 'TamperDetectionActivated'
  | 'InvalidFirmwareSignature'
  | 'InvalidFirmwareSigningCertificate'
  | 'InvalidCsmsCertificate'
  | 'InvalidChargingStationCertificate'
  | 'InvalidTLSVersion'
  | 'InvalidTLSCipherSuite'
  | 'MaintenanceLoginAccepted'
  | 'MaintenanceLoginFailed';

/** A security event detected by the stack or an adapter; techInfo is at most 255 characters and never holds secrets. */
export interface SecurityEvent {
  type: SecurityEventType;
  techInfo?: string;
}
