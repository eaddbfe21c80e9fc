import type { FirmwareStatusEnumType, UpdateFirmwareRequest } from '../../messages/index.js';
import type { DownloadedArtifact, FileTransferErrorKind } from '../../ports/file-transfer.port.js';
import { CancelSource } from '../../file-transfer/cancel-source.js';
import { redactUrl } from '../../file-transfer/redact-url.js';
import { scheduleAt } from '../../file-transfer/schedule-at.js';
import { waitUnlessCancelled } from '../../file-transfer/wait-unless-cancelled.js';
import { isSignedRequest } from './firmware-request-check.js';
import type { FirmwareStatusReporter } from './firmware-status-reporter.js';
import type { FirmwareInstallResult, FirmwareUpdaterDeps, FirmwareUpdaterOptions } from './firmware-updater-deps.js';

/** Where an update stands: only an installation can no longer be cancelled (TC_L_11). */
export type FirmwareRunPhase = 'downloading' | 'waiting-to-install' | 'installing' | 'finished';

/** Failures another attempt cannot fix. */
const NOT_RETRYABLE: ReadonlySet<FileTransferErrorKind> = new Set<FileTransferErrorKind>(['bad-location', 'protocol-unsupported', 'too-large']);

/**
 * One L01 firmware update from the accepted request to the installation: DownloadScheduled (TC_L_03), Downloading
 * with retries every retryInterval (DownloadFailed, TC_L_07), Downloaded, SignatureVerified or InvalidSignature
 * (TC_L_06), InstallScheduled until installDateTime (TC_L_02) and until no transaction runs (TC_L_12-16), Installing,
 * then InstallRebooting (and the reboot), Installed or InstallationFailed (TC_L_08).
 */
export class FirmwareRun {
  private readonly cancelSource = new CancelSource();
  private currentPhase: FirmwareRunPhase = 'downloading';
  private currentStatus: FirmwareStatusEnumType | undefined;
  private artifact: DownloadedArtifact | undefined;
  private transactionsMayHaveEnded: (() => void) | undefined;
  private holding = false;

  constructor(
    private readonly deps: FirmwareUpdaterDeps,
    private readonly options: FirmwareUpdaterOptions,
    private readonly reporter: FirmwareStatusReporter,
    readonly request: UpdateFirmwareRequest,
    private readonly onFinished: (run: FirmwareRun) => void,
  ) {}

  /** The phase the update is in. */
  get phase(): FirmwareRunPhase {
    return this.currentPhase;
  }

  /** The status last reported, for TriggerMessage (F06); undefined before the first one. */
  get status(): FirmwareStatusEnumType | undefined {
    return this.currentStatus;
  }

  /** Starts the work (after the UpdateFirmwareResponse went out). */
  start(): void {
    this.execute().catch((error: unknown) => {
      this.deps.logger.error({ err: error, requestId: this.request.requestId }, 'Firmware update stopped by an unexpected error');
      if (this.currentPhase !== 'finished') void this.conclude('InstallationFailed');
    });
  }

  /** L01.FR.24 / TC_L_10: a newer request replaces this one; stops timers and the transfer and drops the artifact. */
  cancel(): void {
    if (!this.halt()) return;
    this.release();
    if (this.artifact !== undefined) void this.deps.fileTransfer.discard(this.artifact.handle);
    this.deps.logger.info({ requestId: this.request.requestId }, 'Firmware update cancelled');
  }

  /** Stops timers and the transfer, leaving the stored state for the next start (ChargePoint.stop). Returns whether it was running. */
  halt(): boolean {
    if (this.currentPhase === 'finished' || this.currentPhase === 'installing') return false;
    this.currentPhase = 'finished';
    // Ends the transfer and every wait (waitUnlessCancelled cancels its timer).
    this.cancelSource.cancel();
    return true;
  }

  /** A transaction ended (or started): an installation waiting for idle EVSEs checks again. */
  transactionsChanged(): void {
    this.transactionsMayHaveEnded?.();
  }

  private get cancelled(): boolean {
    return this.cancelSource.cancelled;
  }

  private async execute(): Promise<void> {
    const { firmware } = this.request;
    const retrieveAt = new Date(firmware.retrieveDateTime);
    if (retrieveAt.getTime() > this.deps.clock.now().getTime()) {
      void this.report('DownloadScheduled');
      if (!(await this.until(retrieveAt))) return;
    }
    const artifact = await this.download();
    if (artifact === undefined) return;
    this.artifact = artifact;
    void this.report('Downloaded');
    if (!(await this.verify(artifact))) return;
    this.currentPhase = 'waiting-to-install';
    const installAt = firmware.installDateTime === undefined ? undefined : new Date(firmware.installDateTime);
    if (installAt !== undefined && installAt.getTime() > this.deps.clock.now().getTime()) {
      void this.report('InstallScheduled');
      if (!(await this.until(installAt))) return;
    }
    if (!(await this.untilNoTransactions())) return;
    await this.install(artifact);
  }

  private async download(): Promise<DownloadedArtifact | undefined> {
    const attempts = 1 + Math.max(0, this.request.retries ?? this.options.defaultRetries ?? 2);
    const intervalMs = Math.max(0, this.request.retryInterval ?? this.options.defaultRetryIntervalS ?? 60) * 1000;
    const url = this.request.firmware.location;
    for (let attempt = 1; ; attempt += 1) {
      void this.report('Downloading');
      const outcome = await this.deps.fileTransfer.download({
        url,
        cancel: this.cancelSource.signal,
        ...(this.options.maxFirmwareBytes === undefined ? {} : { maxBytes: this.options.maxFirmwareBytes }),
      });
      if (this.cancelled) {
        if (outcome.ok) void this.deps.fileTransfer.discard(outcome.value.handle);
        return undefined;
      }
      if (outcome.ok) return outcome.value;
      const { kind, message } = outcome.error;
      this.deps.logger.warn({ requestId: this.request.requestId, attempt, attempts, kind, message, location: redactUrl(url) }, 'Firmware download failed');
      if (attempt >= attempts || NOT_RETRYABLE.has(kind)) {
        await this.conclude('DownloadFailed');
        return undefined;
      }
      if (!(await this.sleep(intervalMs))) return undefined;
    }
  }

  private async verify(artifact: DownloadedArtifact): Promise<boolean> {
    // Only an L02 (non-secure) request gets here unsigned; the updater refused it unless unsigned firmware is allowed.
    if (!isSignedRequest(this.request)) return true;
    const { signature, signingCertificate } = this.request.firmware;
    let result;
    try {
      result = await this.deps.verifier.verifySignature({ artifact: artifact.handle, signature, signingCertificate });
    } catch (error) {
      result = { valid: false as const, reason: `Signature check failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (this.cancelled) return false;
    if (!result.valid) {
      this.deps.raise('InvalidFirmwareSignature', `requestId ${this.request.requestId}: ${result.reason}`);
      await this.conclude('InvalidSignature');
      return false;
    }
    void this.report('SignatureVerified');
    return true;
  }

  private async untilNoTransactions(): Promise<boolean> {
    if (!this.deps.hasActiveTransactions()) return true;
    void this.report('InstallScheduled');
    if (!this.deps.allowNewSessionsPendingFirmwareUpdate()) this.hold();
    while (this.deps.hasActiveTransactions()) {
      const next = await this.wait((fire) => {
        this.transactionsMayHaveEnded = fire;
        return { cancel: () => (this.transactionsMayHaveEnded = undefined) };
      });
      this.transactionsMayHaveEnded = undefined;
      if (!next) return false;
    }
    return true;
  }

  private async install(artifact: DownloadedArtifact): Promise<void> {
    this.currentPhase = 'installing';
    // Nothing may start charging while the station installs (libocpp sets every connector Unavailable here too).
    this.hold();
    void this.report('Installing');
    let result: FirmwareInstallResult;
    try {
      result = await this.deps.installFirmware({ artifact, request: this.request });
    } catch (error) {
      result = { outcome: 'InstallationFailed', reason: error instanceof Error ? error.message : String(error) };
    }
    this.deps.logger.info({ requestId: this.request.requestId, outcome: result.outcome, reason: result.reason }, 'Firmware installation finished');
    if (result.outcome === 'RebootRequired') {
      // InstallRebooting is stored before the reboot: the next start boots with reason FirmwareUpdate (L01).
      await this.report('InstallRebooting');
      this.currentPhase = 'finished';
      this.onFinished(this);
      this.deps.reboot();
      return;
    }
    if (result.outcome === 'Installed') this.deps.raise('FirmwareUpdated', `requestId ${this.request.requestId}: installed without reboot`);
    await this.conclude(result.outcome);
  }

  /** Ends the update with a final status: the notification, the EVSEs back, the artifact gone. */
  private async conclude(status: FirmwareStatusEnumType): Promise<void> {
    this.currentPhase = 'finished';
    this.release();
    if (this.artifact !== undefined) void this.deps.fileTransfer.discard(this.artifact.handle);
    this.onFinished(this);
    await this.report(status, false);
  }

  private report(status: FirmwareStatusEnumType, keepArtifact = true): Promise<boolean> {
    if (this.cancelled) return Promise.resolve(false);
    this.currentStatus = status;
    return this.reporter.report(this.request, status, keepArtifact ? this.artifact : undefined);
  }

  private until(at: Date): Promise<boolean> {
    return this.wait((fire) => scheduleAt(this.deps.clock, at, fire));
  }

  private sleep(ms: number): Promise<boolean> {
    return this.wait((fire) => this.deps.clock.setTimeout(fire, ms));
  }

  /** Resolves false when the update is cancelled or halted first (also between the trigger and this continuation). */
  private async wait(arm: Parameters<typeof waitUnlessCancelled>[1]): Promise<boolean> {
    return (await waitUnlessCancelled(this.cancelSource.signal, arm)) && !this.cancelled;
  }

  private hold(): void {
    if (this.holding) return;
    this.holding = true;
    this.deps.holdEvsesForFirmware(true);
  }

  private release(): void {
    if (!this.holding) return;
    this.holding = false;
    this.deps.holdEvsesForFirmware(false);
  }
}
