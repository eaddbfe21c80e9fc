import type {
  BootNotificationResponse,
  DataTransferRequest,
  DataTransferResponse,
  UpdateFirmwareRequest,
  ReasonEnumType,
  RequestStartTransactionRequest,
  TransactionEventRequest,
  TransactionEventResponse,
  UnlockStatusEnumType,
  NetworkConnectionProfileType,
  OperationalStatusEnumType,
  ResetEnumType,
  SetNetworkProfileStatusEnumType,
} from '../messages/index.js';
import type { SecurityEvent } from '../ports/security-event.js';
import type { DownloadedArtifact } from '../ports/file-transfer.port.js';
import type { FirmwareUpdateRecord } from '../ports/storage/firmware-state-store.port.js';
import type { FirmwareInstallResult, InstalledFirmwareOutcome } from '../blocks/firmware/firmware-updater-deps.js';
import type { DiagnosticsLogFile, DiagnosticsLogQuery } from '../blocks/diagnostics/log-uploader-deps.js';
import type { CustomerReference } from '../blocks/diagnostics/customer-information.js';
import type { FrameRecord } from '../rpc/rpc-endpoint.js';
import type { VariableChange } from '../device-model/index.js';

/** What a Reset asks of the station (B11/B12); evseId absent = the whole station. Not the ResetRequest message. */
export interface ResetCommand {
  type: ResetEnumType;
  evseId?: number;
}

/**
 * Callbacks from the library to the station (DESIGN §3.2, libocpp's `Callbacks`). The ones in
 * REQUIRED_CALLBACKS must be given; the rest are optional. Later blocks add theirs.
 */
export interface ChargePointCallbacks {
  /** B11/B12: may the station reset now? false answers Rejected. */
  isResetAllowed(request: ResetCommand): boolean;
  /** B11/B12: perform the reset (after the response is sent; for OnIdle, once idle). */
  reset(request: ResetCommand): void;
  /** G03/G04: a connector's effective operational status changed (also fired once per connector at start). */
  connectorEffectiveOperativeStatusChanged?(evseId: number, connectorId: number, status: OperationalStatusEnumType): void;
  /** G03: an EVSE's effective operational status changed. */
  evseEffectiveOperativeStatusChanged?(evseId: number, status: OperationalStatusEnumType): void;
  /** G03: the station's operational status changed. */
  csEffectiveOperativeStatusChanged?(status: OperationalStatusEnumType): void;
  /** Every connector is now Inoperative. */
  allConnectorsUnavailable?(): void;
  /** A security event was raised inside the library (A04). */
  securityEvent?(event: SecurityEvent & { timestamp: Date; critical: boolean }): void;
  /** The CSMS changed a variable (B05). */
  variableChanged?(change: VariableChange): void;
  /** B09: extra station-specific check of a network profile; return the status to answer. */
  validateNetworkProfile?(configurationSlot: number, profile: NetworkConnectionProfileType): SetNetworkProfileStatusEnumType;
  /** B01.FR.06 / G02: the CSMS's time, when ClockCtrlr.TimeSource includes Heartbeat. */
  timeSync?(time: Date): void;
  /** Every BootNotification response. */
  bootNotification?(response: BootNotificationResponse): void;
  /** The websocket connected or disconnected; slot is the active configuration slot. */
  connectionStateChanged?(connected: boolean, configurationSlot: number | undefined): void;
  /** Every OCPP frame in and out (message log). */
  ocppMessages?(record: FrameRecord): void;
  /** F05: drive the connector lock open (only called without an authorized transaction); no callback answers UnlockFailed. */
  unlockConnector?(evseId: number, connectorId: number): Promise<UnlockStatusEnumType> | UnlockStatusEnumType;
  /** Energy must stop now on this EVSE: the authorization ended (E06/E07, F03, E05) or the transaction was aborted. */
  stopTransaction?(evseId: number, reason: ReasonEnumType): void;
  /** Energy must pause on this EVSE (E05: MaxEnergyOnInvalidId reached). */
  pauseCharging?(evseId: number): void;
  /** An EVSE became authorized (local token or remote start) or lost its authorization: energy may or may not flow. */
  authorizationChanged?(evseId: number, authorized: boolean): void;
  /** F01/F02: the CSMS asked to start a transaction on this EVSE (accepted; the authorization follows). */
  remoteStartTransaction?(evseId: number, request: RequestStartTransactionRequest): void;
  /** Takes a meter reading of the EVSE now and reports it through onMeterValue: the final register before a stop (E06). */
  refreshMeterValue?(evseId: number): Promise<void>;
  /** Every TransactionEvent as it is queued (durably, before it is sent). */
  transactionEvent?(request: TransactionEventRequest): void;
  /** The CSMS's answer to a TransactionEvent. */
  transactionEventResponse?(request: TransactionEventRequest, response: TransactionEventResponse): void;
  /** L01: install a downloaded, verified firmware artifact; 'RebootRequired' makes the library call `reset` (Immediate). */
  updateFirmwareRequest?(update: { artifact: DownloadedArtifact; request: UpdateFirmwareRequest }): Promise<FirmwareInstallResult>;
  /** L01: after the install reboot, did the new firmware come up? Default Installed. */
  verifyInstalledFirmware?(record: FirmwareUpdateRecord): InstalledFirmwareOutcome;
  /** N01 GetLog(DiagnosticsLog): the log for the window; undefined when there is none. Without it DiagnosticsLog is Rejected. */
  getLogRequest?(query: DiagnosticsLogQuery): Promise<DiagnosticsLogFile | undefined> | DiagnosticsLogFile | undefined;
  /** N09: the station's own data about a customer, human readable. */
  getCustomerInformation?(customer: CustomerReference): Promise<string> | string;
  /** N10: remove the station's own data about a customer. */
  clearCustomerInformation?(customer: CustomerReference): Promise<void> | void;
  /** P01: a DataTransfer for a vendorId the station did not register in `dataTransferVendors`; without it UnknownVendorId. */
  dataTransfer?(request: DataTransferRequest): Promise<DataTransferResponse> | DataTransferResponse;
}

/** Callbacks a station must provide. */
export const REQUIRED_CALLBACKS = ['isResetAllowed', 'reset'] as const satisfies readonly (keyof ChargePointCallbacks)[];

/** Raised at construction when the ChargePoint is wired wrongly. */
export class ChargePointConfigError extends Error {
  override readonly name = 'ChargePointConfigError';
}

/** Checks the callbacks at construction (libocpp's all_callbacks_valid): names every missing or non-function one. */
export function validateCallbacks(callbacks: Partial<ChargePointCallbacks>): asserts callbacks is ChargePointCallbacks {
  const record = callbacks as Record<string, unknown>;
  const missing = REQUIRED_CALLBACKS.filter((name) => typeof record[name] !== 'function');
  const notFunctions = Object.keys(record).filter((name) => record[name] !== undefined && typeof record[name] !== 'function');
  const problems = [
    ...(missing.length > 0 ? [`missing required callbacks: ${missing.join(', ')}`] : []),
    ...(notFunctions.length > 0 ? [`callbacks that are not functions: ${notFunctions.join(', ')}`] : []),
  ];
  if (problems.length > 0) throw new ChargePointConfigError(`ChargePoint callbacks: ${problems.join('; ')}`);
}
