import type { DeviceModel } from '../../device-model/index.js';
import type { CertificateSignedRequest, CertificateSignedResponse, SignCertificateRequest, SignCertificateResponse } from '../../messages/index.js';
import type { CertificateStorePort, InstallStationCertificateResult, StationKeyType } from '../../ports/certificate-store.port.js';
import type { ClockPort, TimerHandle } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { SecurityEventType } from '../../ports/security-event.js';
import type { SecurityProfile } from '../../ports/transport.port.js';
import type { CallContext } from '../../rpc/functional-block.js';
import { scheduleAt } from '../../file-transfer/schedule-at.js';
import type { TriggerAction } from '../remote-control/trigger-message.handler.js';
import { readCertificateSettings } from './certificate-settings.js';
import { INSECURE_CONNECTION, isSecureConnection, statusInfo } from './secure-connection.js';

/** What A02/A03 need. */
export interface CertificateSigningDeps {
  clock: ClockPort;
  logger: LoggerPort;
  store: Pick<CertificateStorePort, 'generateCsr' | 'installStationCertificate' | 'stationCertificateStatus'>;
  deviceModel: DeviceModel;
  /** The CN of the CSR: the station's serial number (A00.FR.405). */
  commonName: () => string;
  /** The security profile of the connection in use. */
  securityProfile: () => SecurityProfile;
  sendSignCertificate: (request: SignCertificateRequest) => Promise<SignCertificateResponse>;
  /** Raises a security event (A04). */
  raise: (type: SecurityEventType, techInfo?: string) => void;
  /** Security profile 3: reconnect, so that TLS presents the new certificate. */
  reconnect: () => void;
  /** Key pair type of new CSRs; default ECDSA-P256. */
  keyType?: StationKeyType;
}

/** Why a signing round started: the CSMS asked (A02) or the certificate nears its end (A03). */
export type SigningOrigin = 'TriggerMessage' | 'Renewal';

/** A repeat never follows sooner than this, even with CertSigningWaitMinimum 0 (no tight loop of CSRs). */
const MIN_WAIT_MS = 1000;
/** Margin after a future certificate's notBefore before it is taken into use. */
const ACTIVATION_MARGIN_MS = 1000;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A02/A03 Update Charging Station Certificate: a new key pair and CSR for every SignCertificateRequest; when the CSMS
 * accepts but no CertificateSigned follows, a new CSR after CertSigningWaitMinimum, the wait doubling each time, at
 * most CertSigningRepeatTimes times (A02.FR.17-19); a Rejected SignCertificate ends the round (TC_A_15_CS); an
 * invalid certificate is Rejected with InvalidChargingStationCertificate and never repeated (A02.FR.20, TC_A_14_CS).
 */
export class CertificateSigning {
  private round = 0;
  private resends = 0;
  private waiting = false;
  private resendTimer: TimerHandle | undefined;
  private activationTimer: TimerHandle | undefined;
  private knownActiveSerial: string | undefined;

  constructor(private readonly deps: CertificateSigningDeps) {
    this.knownActiveSerial = deps.store.stationCertificateStatus().active?.serialNumber;
  }

  /** Whether a round waits for CertificateSigned. */
  get inProgress(): boolean {
    return this.waiting;
  }

  /** F06/A02 TriggerMessage(SignChargingStationCertificate): Rejected without TLS (libocpp#857), else a new round after the reply. */
  readonly trigger: TriggerAction = () =>
    isSecureConnection(this.deps.securityProfile()) ? { status: 'Accepted', send: () => this.start('TriggerMessage') } : { status: 'Rejected' };

  /** Starts a new round (a round already under way is replaced). */
  start(origin: SigningOrigin): void {
    this.resendTimer?.cancel();
    this.round += 1;
    this.resends = 0;
    this.waiting = true;
    this.deps.logger.info({ origin }, 'Requesting a new ChargingStationCertificate');
    void this.send(this.round);
  }

  /** A02/A03 CertificateSigned: verified and stored, or Rejected with its reason. */
  async onCertificateSigned(request: CertificateSignedRequest, context: CallContext): Promise<CertificateSignedResponse> {
    if (!isSecureConnection(this.deps.securityProfile())) return { status: 'Rejected', statusInfo: INSECURE_CONNECTION };
    if (request.certificateType === 'V2GCertificate') {
      return { status: 'Rejected', statusInfo: statusInfo('UnsupportedCertType', 'This station has no ISO 15118 V2G certificate') };
    }
    const maxChainSize = readCertificateSettings(this.deps.deviceModel).maxCertificateChainSize;
    let result: InstallStationCertificateResult;
    try {
      result = await this.deps.store.installStationCertificate(request.certificateChain, maxChainSize === undefined ? {} : { maxChainSize });
    } catch (error) {
      result = { status: 'Failed', detail: errorText(error) };
    }
    if (result.status === 'Failed') {
      // Our fault, not the certificate's: the round goes on and a later CSR gets another chance.
      this.deps.logger.error({ detail: result.detail }, 'The signed certificate could not be stored');
      return { status: 'Rejected', statusInfo: statusInfo('InternalError', 'The certificate could not be stored') };
    }
    this.finish();
    if (result.status === 'Rejected') {
      this.deps.logger.warn({ reason: result.reason, detail: result.detail }, 'CertificateSigned rejected');
      this.deps.raise('InvalidChargingStationCertificate', `${result.reason}: ${result.detail}`);
      return { status: 'Rejected', statusInfo: statusInfo(result.reason, result.detail) };
    }
    if (result.active) context.afterReply(() => this.noticeActivation());
    else this.scheduleActivation(result.validFrom);
    return { status: 'Accepted' };
  }

  /**
   * A certificate that became active since we last looked (a future one whose time came, also after a restart):
   * under security profile 3 the connection is renewed so TLS presents it (libocpp).
   */
  noticeActivation(): void {
    const serial = this.deps.store.stationCertificateStatus().active?.serialNumber;
    if (serial === undefined || serial === this.knownActiveSerial) return;
    this.knownActiveSerial = serial;
    this.deps.logger.info({ serialNumber: serial }, 'New ChargingStationCertificate in use');
    if (this.deps.securityProfile() !== 3) return;
    this.deps.raise('ReconfigurationOfSecurityParameters', 'New ChargingStationCertificate; reconnecting with it');
    this.deps.reconnect();
  }

  /** Cancels the timers (the ChargePoint stops). */
  stop(): void {
    this.finish();
    this.activationTimer?.cancel();
    this.activationTimer = undefined;
  }

  private async send(round: number): Promise<void> {
    const settings = readCertificateSettings(this.deps.deviceModel);
    let csr: string;
    try {
      csr = await this.deps.store.generateCsr({
        commonName: this.deps.commonName(),
        organizationName: settings.organizationName ?? '',
        ...(this.deps.keyType === undefined ? {} : { keyType: this.deps.keyType }),
      });
    } catch (error) {
      this.deps.logger.error({ err: errorText(error) }, 'CSR generation failed; no SignCertificateRequest sent');
      if (round === this.round) this.finish();
      return;
    }
    if (round !== this.round) return;
    let response: SignCertificateResponse;
    try {
      response = await this.deps.sendSignCertificate({ csr, certificateType: 'ChargingStationCertificate' });
    } catch (error) {
      this.deps.logger.warn({ err: errorText(error) }, 'SignCertificateRequest not answered');
      if (round === this.round) this.waitForCertificate(round);
      return;
    }
    if (round !== this.round) return;
    if (response.status !== 'Accepted') {
      this.deps.logger.warn({ statusInfo: response.statusInfo }, 'SignCertificateRequest rejected by the CSMS; not repeated');
      this.finish();
      return;
    }
    this.waitForCertificate(round);
  }

  /** A02.FR.17-19: waits CertSigningWaitMinimum x 2^resends, then sends a new CSR, up to CertSigningRepeatTimes times. */
  private waitForCertificate(round: number): void {
    const { certSigningWaitMinimumS, certSigningRepeatTimes } = readCertificateSettings(this.deps.deviceModel);
    if (certSigningWaitMinimumS === undefined) return;
    const delayMs = Math.max(MIN_WAIT_MS, certSigningWaitMinimumS * 1000) * 2 ** this.resends;
    this.resendTimer = this.deps.clock.setTimeout(() => {
      this.resendTimer = undefined;
      if (round !== this.round) return;
      if (this.resends >= certSigningRepeatTimes) {
        this.deps.logger.warn({ repeats: this.resends }, 'No CertificateSigned after the last repeat; giving up');
        this.finish();
        return;
      }
      this.resends += 1;
      this.deps.logger.info({ repeat: this.resends }, 'No CertificateSigned in time; sending a new CSR');
      void this.send(round);
    }, delayMs);
  }

  private scheduleActivation(validFrom: Date): void {
    this.activationTimer?.cancel();
    this.deps.logger.info({ validFrom: validFrom.toISOString() }, 'ChargingStationCertificate accepted; it is used once valid');
    // A wall-clock deadline: a time sync before validFrom moves the activation with it.
    this.activationTimer = scheduleAt(this.deps.clock, new Date(validFrom.getTime() + ACTIVATION_MARGIN_MS), () => {
      this.activationTimer = undefined;
      this.noticeActivation();
    });
  }

  private finish(): void {
    this.round += 1;
    this.waiting = false;
    this.resendTimer?.cancel();
    this.resendTimer = undefined;
  }
}
