import type { ChargingStationType } from '../messages/index.js';
import type { ClockPort } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { NetworkProfileSlot } from '../ports/storage/network-profile-store.port.js';
import type { StationStores } from '../ports/storage/station-stores.js';
import type { TransportPort } from '../ports/transport.port.js';
import type { CertificateStorePort } from '../ports/certificate-store.port.js';
import type { FileTransferPort } from '../ports/file-transfer.port.js';
import type { FirmwareVerifierPort } from '../ports/firmware-verifier.port.js';
import type { DataTransferVendor } from '../blocks/data-transfer/data-transfer.handler.js';
import type { FirmwareUpdaterOptions } from '../blocks/firmware/firmware-updater-deps.js';
import type { SecurityEventsOptions } from '../blocks/security/security-events.js';
import type { DeviceModel, StationLayout } from '../device-model/index.js';

/** TLS material for security profiles 2 and 3 (PEM), until the certificate store takes it over. */
export interface ChargePointTlsMaterial {
  csmsRootCertificates: readonly string[];
  clientCertificateChain?: string;
  clientPrivateKey?: string;
}

/** The ports a ChargePoint works through (DESIGN rule 3: one named deps object). */
export interface ChargePointDeps {
  clock: ClockPort;
  logger: LoggerPort;
  transport: TransportPort;
  stores: StationStores;
  deviceModel: DeviceModel;
  /** Message ids; default random UUIDs. */
  newMessageId?: () => string;
  /** Random numbers in [0, 1) for jitter; default Math.random. */
  random?: () => number;
  /** Certificates (A02/A03, M03-M05) and the TLS trust of security profiles 2 and 3; without it those blocks are not installed. */
  certificates?: CertificateStorePort;
  /** Downloads and uploads for firmware (L01) and logs (N01); without it UpdateFirmware and GetLog are not installed. */
  fileTransfer?: FileTransferPort;
  /** Checks firmware signing certificates and signatures (L01); needed, with fileTransfer, for UpdateFirmware. */
  firmwareVerifier?: FirmwareVerifierPort;
  /** Transaction ids (unique for the station's lifetime, at most 36 characters); default random UUIDs. */
  newTransactionId?: () => string;
}

/** What the station is. */
export interface ChargePointOptions {
  /** BootNotification's chargingStation: model, vendorName, serialNumber, firmwareVersion, modem. */
  chargingStation: ChargingStationType;
  /** The EVSE/connector layout (the same one the device model was loaded with). */
  layout: StationLayout;
  /** Network profiles installed when the store has none yet (first boot). */
  defaultNetworkProfiles?: readonly NetworkProfileSlot[];
  /** Static TLS material for profiles 2 and 3 when there is no certificate store (deps.certificates wins when both are given). */
  tls?: ChargePointTlsMaterial;
  /** P01 DataTransfer handlers by vendorId. */
  dataTransferVendors?: Readonly<Record<string, DataTransferVendor>>;
  /** A04: per-event criticality overrides (default: the Part 2 appendix) and the local security log's size. */
  securityEvents?: SecurityEventsOptions;
  /** L01 settings (defaults for retries, the size cap, unsigned firmware). */
  firmware?: FirmwareUpdaterOptions;
  /**
   * After a restart, resume the transactions left open (true) instead of ending them with stoppedReason PowerLoss
   * (default false; 2.0.1 has no resume use case, reliability §2.4).
   */
  resumeTransactionsOnBoot?: boolean;
  /** Largest number of entries in the authorization cache, on top of AuthCacheCtrlr.Storage (default 1000). */
  maxAuthCacheEntries?: number;
  /** Queue size above which intermediate TransactionEvent Updated messages are dropped and MemoryExhaustion is raised (R5). */
  maxQueuedMessages?: number;
}
