import type { FirmwareStatusNotificationRequest, UpdateFirmwareRequest } from '../../messages/index.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { DownloadedArtifact, FileTransferPort } from '../../ports/file-transfer.port.js';
import type { FirmwareVerifierPort } from '../../ports/firmware-verifier.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { SecurityEventType } from '../../ports/security-event.js';
import type { FirmwareStateStorePort, FirmwareUpdateRecord } from '../../ports/storage/firmware-state-store.port.js';

/** What the station's installer reports (L01): done, done once it reboots, or failed. */
export type FirmwareInstallOutcome = 'Installed' | 'RebootRequired' | 'InstallationFailed' | 'InstallVerificationFailed';

/** The answer of the station's installer; `reason` (no secrets) goes to the log. */
export interface FirmwareInstallResult {
  outcome: FirmwareInstallOutcome;
  reason?: string;
}

/** How the firmware installed before the reboot turned out, as the station sees it once it runs again. */
export type InstalledFirmwareOutcome = 'Installed' | 'InstallationFailed' | 'InstallVerificationFailed';

/** What the L01 FirmwareUpdater needs (DESIGN rule 3: one deps object; the ChargePoint wires it). */
export interface FirmwareUpdaterDeps {
  clock: ClockPort;
  logger: LoggerPort;
  store: FirmwareStateStorePort;
  fileTransfer: FileTransferPort;
  verifier: FirmwareVerifierPort;
  /** The installed ManufacturerRootCertificate(s), PEM (from the certificate store). */
  manufacturerRootCertificates(): readonly string[];
  /** Sends one FirmwareStatusNotification; rejects when it could not be delivered. */
  sendFirmwareStatusNotification(request: FirmwareStatusNotificationRequest): Promise<unknown>;
  /** Raises a security event (A04): InvalidFirmwareSigningCertificate, InvalidFirmwareSignature, FirmwareUpdated. */
  raise(type: SecurityEventType, techInfo?: string): void;
  /** Whether any transaction is running; the installation waits until none is (TC_L_12-16). */
  hasActiveTransactions(): boolean;
  /** ChargingStation.AllowNewSessionsPendingFirmwareUpdate: may idle EVSEs take new sessions while the install waits? */
  allowNewSessionsPendingFirmwareUpdate(): boolean;
  /**
   * true: every EVSE without a transaction must be Unavailable (and an EVSE whose transaction ends becomes Unavailable)
   * because a firmware installation waits or runs; false: restore their availability. Not persisted: a reboot clears it.
   */
  holdEvsesForFirmware(hold: boolean): void;
  /** The station installs the verified artifact (the DESIGN callback updateFirmwareRequest does the rest of the work). */
  installFirmware(request: { artifact: DownloadedArtifact; request: UpdateFirmwareRequest }): Promise<FirmwareInstallResult>;
  /** Reboots the station to finish an installation that answered RebootRequired; called once InstallRebooting is stored. */
  reboot(): void;
  /** After the install reboot: did the new firmware come up? Default Installed. */
  verifyInstalledFirmware?(record: FirmwareUpdateRecord): InstalledFirmwareOutcome;
}

/** Settings of the FirmwareUpdater. */
export interface FirmwareUpdaterOptions {
  /** Download retries when the request gives none (UpdateFirmwareRequest.retries; default 2). */
  defaultRetries?: number;
  /** Seconds between download attempts when the request gives none (retryInterval; default 60). */
  defaultRetryIntervalS?: number;
  /** Largest firmware file accepted, bytes (default: the file transfer adapter's cap). */
  maxFirmwareBytes?: number;
  /**
   * L01 secure update only (default true): a request without signingCertificate or signature is Rejected
   * (TC_L_18). false also serves L02 non-secure updates: an unsigned request is installed without verification.
   */
  requireSignedFirmware?: boolean;
}
