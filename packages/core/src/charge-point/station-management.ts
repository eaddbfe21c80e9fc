import type { DeviceModel } from '../device-model/index.js';
import type { BootReasonEnumType, OcppAction, RequestOf, ResponseOf } from '../messages/index.js';
import type { CertificateStorePort } from '../ports/certificate-store.port.js';
import type { ClockPort } from '../ports/clock.port.js';
import type { FileTransferPort } from '../ports/file-transfer.port.js';
import type { FirmwareVerifierPort } from '../ports/firmware-verifier.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { SecurityEventType } from '../ports/security-event.js';
import type { StationStores } from '../ports/storage/station-stores.js';
import type { SecurityProfile } from '../ports/transport.port.js';
import type { FunctionalBlock } from '../rpc/functional-block.js';
import { CertificateRenewal, CertificateSigning, certificatesBlock } from '../blocks/certificates/index.js';
import type { DataTransferVendor } from '../blocks/data-transfer/data-transfer.handler.js';
import { dataTransferBlock } from '../blocks/data-transfer/data-transfer.block.js';
import { CustomerInformation, diagnosticsBlock, LogUploader, logStatusTrigger } from '../blocks/diagnostics/index.js';
import { firmwareBlock, firmwareStatusTrigger, FirmwareUpdater, type FirmwareUpdaterOptions } from '../blocks/firmware/index.js';
import type { TriggerTable } from '../blocks/remote-control/trigger-message.handler.js';
import type { ChargePointCallbacks } from './callbacks.js';

/** Sends a CALL through the ChargePoint's registration gate. */
export type GatedCall = <A extends OcppAction>(action: A, payload: RequestOf<A>) => Promise<ResponseOf<A>>;

/** What the management blocks need from the ChargePoint. */
export interface StationManagementDeps {
  clock: ClockPort;
  logger: LoggerPort;
  deviceModel: DeviceModel;
  stores: StationStores;
  certificates?: CertificateStorePort;
  fileTransfer?: FileTransferPort;
  firmwareVerifier?: FirmwareVerifierPort;
  callbacks: () => ChargePointCallbacks;
  call: GatedCall;
  raise: (type: SecurityEventType, techInfo?: string) => void;
  /** The CN of the station certificate: the serial number (A00.FR.405). */
  serialNumber: () => string;
  /** The security profile of the connection in use. */
  securityProfile: () => SecurityProfile;
  /** Connected and Accepted. */
  canSend: () => boolean;
  reconnect: () => void;
  hasActiveTransactions: () => boolean;
  /** L01: hold every EVSE without a transaction Unavailable while a firmware installation waits or runs. */
  holdEvsesForFirmware: (hold: boolean) => void;
  dataTransferVendors?: Readonly<Record<string, DataTransferVendor>>;
  firmwareOptions?: FirmwareUpdaterOptions;
}

/**
 * Blocks A/M (certificates), L (firmware), N (logs, customer information) and P (DataTransfer) behind the ChargePoint.
 * A block whose ports were not given is not installed (DESIGN §3.2: no block is implicitly mandatory), so its actions
 * answer NotImplemented.
 */
export class StationManagement {
  readonly blocks: FunctionalBlock[] = [];
  readonly triggers: TriggerTable = {};
  private readonly signing: CertificateSigning | undefined;
  private readonly renewal: CertificateRenewal | undefined;
  private readonly firmware: FirmwareUpdater | undefined;
  private readonly logs: LogUploader | undefined;

  constructor(private readonly deps: StationManagementDeps) {
    const { clock, logger, deviceModel, stores, certificates, fileTransfer, firmwareVerifier } = deps;
    if (certificates !== undefined) {
      this.signing = new CertificateSigning({
        clock,
        logger,
        store: certificates,
        deviceModel,
        commonName: deps.serialNumber,
        securityProfile: deps.securityProfile,
        sendSignCertificate: (request) => deps.call('SignCertificate', request),
        raise: deps.raise,
        reconnect: deps.reconnect,
      });
      this.renewal = new CertificateRenewal({ clock, logger, store: certificates, signing: this.signing, securityProfile: deps.securityProfile, canSend: deps.canSend });
      this.blocks.push(certificatesBlock({ store: certificates, deviceModel, logger, securityProfile: deps.securityProfile, signing: this.signing }));
      this.triggers.SignChargingStationCertificate = this.signing.trigger;
    }
    if (fileTransfer !== undefined && firmwareVerifier !== undefined && deps.callbacks().updateFirmwareRequest !== undefined) {
      this.firmware = this.firmwareUpdater(fileTransfer, firmwareVerifier);
      this.blocks.push(firmwareBlock({ updater: this.firmware }));
      this.triggers.FirmwareStatusNotification = firmwareStatusTrigger({ updater: this.firmware, logger, sendFirmwareStatusNotification: (r) => deps.call('FirmwareStatusNotification', r) });
    }
    if (fileTransfer !== undefined) {
      this.logs = new LogUploader({
        clock,
        logger,
        fileTransfer,
        securityLog: stores.securityLog,
        ...(deps.callbacks().getLogRequest === undefined ? {} : { diagnosticsLog: (query) => deps.callbacks().getLogRequest?.(query) }),
        sendLogStatusNotification: (request) => deps.call('LogStatusNotification', request),
      });
      this.triggers.LogStatusNotification = logStatusTrigger({ uploader: this.logs, logger, sendLogStatusNotification: (r) => deps.call('LogStatusNotification', r) });
    }
    const customerInformation = this.customerInformation();
    this.blocks.push(diagnosticsBlock({ ...(this.logs === undefined ? {} : { logs: this.logs }), customerInformation }));
    const hasFallback = deps.callbacks().dataTransfer !== undefined;
    this.blocks.push(
      dataTransferBlock({
        logger,
        ...(deps.dataTransferVendors === undefined ? {} : { vendors: deps.dataTransferVendors }),
        ...(hasFallback ? { fallback: (request) => deps.callbacks().dataTransfer?.(request) ?? { status: 'UnknownVendorId' } } : {}),
      }),
    );
  }

  /** L01: FirmwareUpdate when the station restarts after installing firmware, else undefined. */
  bootReason(): BootReasonEnumType | undefined {
    return this.firmware?.bootReason();
  }

  /** At start: firmware resumes (and raises FirmwareUpdated after an install), the A03 renewal timer starts. */
  start(): void {
    this.firmware?.start();
    this.renewal?.start();
  }

  /** The CSMS accepted the station (boot or reconnect while Accepted): queued firmware statuses go out, renewal checks. */
  registrationAccepted(): void {
    this.firmware?.onRegistrationAccepted();
    this.renewal?.check();
  }

  /** A TLS connection succeeded (M05: the fallback CSMS root is dropped once the new one worked). */
  tlsConnected(usedFallback: boolean): void {
    this.deps.certificates?.csmsConnectionSucceeded(usedFallback).catch((error: unknown) => this.deps.logger.error({ err: error }, 'Certificate store: recording the CSMS connection failed'));
  }

  /** A transaction started or ended (L01: a waiting installation may go on). */
  transactionsChanged(): void {
    this.firmware?.transactionsChanged();
  }

  /** Stops every timer. */
  stop(): void {
    this.firmware?.stop();
    this.logs?.stop();
    this.renewal?.stop();
    this.signing?.stop();
  }

  private firmwareUpdater(fileTransfer: FileTransferPort, verifier: FirmwareVerifierPort): FirmwareUpdater {
    const { deps } = this;
    const callbacks = deps.callbacks;
    return new FirmwareUpdater(
      {
        clock: deps.clock,
        logger: deps.logger,
        store: deps.stores.firmware,
        fileTransfer,
        verifier,
        manufacturerRootCertificates: () => deps.certificates?.rootCertificates('ManufacturerRootCertificate') ?? [],
        sendFirmwareStatusNotification: (request) => deps.call('FirmwareStatusNotification', request),
        raise: deps.raise,
        hasActiveTransactions: deps.hasActiveTransactions,
        allowNewSessionsPendingFirmwareUpdate: () => deps.deviceModel.get('ChargingStation', 'AllowNewSessionsPendingFirmwareUpdate') ?? false,
        holdEvsesForFirmware: deps.holdEvsesForFirmware,
        installFirmware: (update) => callbacks().updateFirmwareRequest?.(update) ?? Promise.resolve({ outcome: 'InstallationFailed', reason: 'no updateFirmwareRequest callback' }),
        reboot: () => callbacks().reset({ type: 'Immediate' }),
        ...(callbacks().verifyInstalledFirmware === undefined ? {} : { verifyInstalledFirmware: (record) => callbacks().verifyInstalledFirmware?.(record) ?? 'Installed' }),
      },
      deps.firmwareOptions,
    );
  }

  private customerInformation(): CustomerInformation {
    const { deps } = this;
    const callbacks = deps.callbacks;
    return new CustomerInformation({
      clock: deps.clock,
      logger: deps.logger,
      authCache: deps.stores.authCache,
      ...(callbacks().getCustomerInformation === undefined ? {} : { getCustomerInformation: (customer) => callbacks().getCustomerInformation?.(customer) ?? '' }),
      ...(callbacks().clearCustomerInformation === undefined ? {} : { clearCustomerInformation: (customer) => callbacks().clearCustomerInformation?.(customer) }),
      sendNotifyCustomerInformation: (request) => deps.call('NotifyCustomerInformation', request),
    });
  }
}
