export type { ClockPort, TimerHandle } from './clock.port.js';
export type { LoggerPort, LogFields, LogMethod } from './logger.port.js';
export type { SecurityEvent, SecurityEventType } from './security-event.js';
export type {
  DisconnectReason,
  RetryBackOff,
  SecurityProfile,
  TransportConnectionOptions,
  TransportEvents,
  TransportPort,
  TransportTlsOptions,
} from './transport.port.js';
export type {
  CableRatingA,
  ChargeControllerCapabilities,
  ChargeControllerError,
  ChargeControllerErrorKind,
  ChargeControllerEvent,
  ChargeControllerFault,
  ChargeControllerPort,
  ChargeControllerStatus,
  CpState,
} from './charge-controller.port.js';
export type {
  MeterReading,
  PhaseValues,
  PowerMeterError,
  PowerMeterErrorKind,
  PowerMeterPort,
  PowerMeterReadResult,
} from './power-meter.port.js';
export type { ConnectorLockPort, LockFailureReason, LockResult, LockState } from './connector-lock.port.js';
export type { PresentedToken, PresentedTokenType, TokenReaderPort } from './token-reader.port.js';
export type { DisplayCapabilities, DisplayFormat, DisplayMessage, DisplayPort, DisplayPriority } from './display.port.js';
export type {
  CertificateInfoPort,
  CertificateStorePort,
  CertificateTlsMaterial,
  DeleteCertificateResult,
  InstallRootCertificateOptions,
  InstallRootCertificateResult,
  InstallStationCertificateOptions,
  InstallStationCertificateResult,
  RootCertificateRejection,
  StationCertificateInfo,
  StationCertificateRejection,
  StationCertificateStatus,
  StationCsrRequest,
  StationKeyType,
} from './certificate-store.port.js';
export type * from './storage/index.js';
export type {
  CancelSignal,
  DownloadedArtifact,
  DownloadRequest,
  FileTransferError,
  FileTransferErrorKind,
  FileTransferOutcome,
  FileTransferPort,
  FileTransferProtocol,
  UploadContent,
  UploadReceipt,
  UploadRequest,
} from './file-transfer.port.js';
export type { FirmwareSignatureCheckRequest, FirmwareVerifierPort, SigningCertificateCheckRequest, VerificationResult } from './firmware-verifier.port.js';
