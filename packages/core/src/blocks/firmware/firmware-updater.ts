import type { BootReasonEnumType, FirmwareStatusNotificationRequest, UpdateFirmwareRequest, UpdateFirmwareResponse } from '../../messages/index.js';
import type { FirmwareUpdateRecord } from '../../ports/storage/firmware-state-store.port.js';
import { firmwareRequestProblem } from './firmware-request-check.js';
import { FirmwareRun } from './firmware-run.js';
import { FINAL_FIRMWARE_STATUSES, FirmwareStatusReporter } from './firmware-status-reporter.js';
import type { FirmwareUpdaterDeps, FirmwareUpdaterOptions } from './firmware-updater-deps.js';

/** The answer to UpdateFirmware and the work to start once it was sent (CallContext.afterReply). */
export interface FirmwareUpdateDecision {
  response: UpdateFirmwareResponse;
  start?: () => void;
}

/**
 * L01 secure firmware update: answers UpdateFirmware (Accepted, Rejected, AcceptedCanceled, InvalidCertificate),
 * runs one update at a time, keeps its state across the install reboot and reports it (FirmwareStatusNotification,
 * FirmwareUpdated), and tells TriggerMessage the current status (TC_F_17-19).
 */
export class FirmwareUpdater {
  private run: FirmwareRun | undefined;
  private readonly reporter: FirmwareStatusReporter;
  private resumeAfterBoot: FirmwareUpdateRecord | undefined;
  private delivering = false;

  constructor(
    private readonly deps: FirmwareUpdaterDeps,
    private readonly options: FirmwareUpdaterOptions = {},
  ) {
    this.reporter = new FirmwareStatusReporter(deps);
  }

  /** L01 UpdateFirmware: checks the request and the signing certificate, cancels an ongoing update (L01.FR.24). */
  async updateFirmware(request: UpdateFirmwareRequest): Promise<FirmwareUpdateDecision> {
    const problem = firmwareRequestProblem(request, this.options.requireSignedFirmware ?? true);
    if (problem !== undefined) return { response: { status: 'Rejected', statusInfo: problem } };
    if (this.installing()) return { response: rejectedWhileInstalling() };
    const { signingCertificate } = request.firmware;
    if (signingCertificate !== undefined) {
      const check = await this.checkCertificate(signingCertificate);
      if (!check.valid) {
        this.deps.raise('InvalidFirmwareSigningCertificate', `requestId ${request.requestId}: ${check.reason}`);
        return { response: { status: 'InvalidCertificate', statusInfo: { reasonCode: 'InvalidCertificate', additionalInfo: check.reason.slice(0, 512) } } };
      }
      // The check is asynchronous: the running update may have started installing meanwhile.
      if (this.installing()) return { response: rejectedWhileInstalling() };
    }
    const previous = this.activeRun();
    const canceled = previous !== undefined;
    if (canceled) previous.cancel();
    this.resumeAfterBoot = undefined;
    const run = this.newRun(request);
    // Stored before the answer: a restart right after it still knows the accepted request.
    this.deps.store.save({ request, status: 'Idle', updatedAt: this.deps.clock.now().toISOString() });
    this.deps.logger.info({ requestId: request.requestId, canceled: canceled ? previous.request.requestId : undefined }, 'Firmware update accepted');
    return { response: { status: canceled ? 'AcceptedCanceled' : 'Accepted' }, start: () => run.start() };
  }

  /** F06 TriggerMessage FirmwareStatusNotification: Idle when no update runs, else its current status and requestId. */
  statusNotification(): FirmwareStatusNotificationRequest {
    const run = this.activeRun();
    if (run?.status === undefined) return { status: 'Idle' };
    return { status: run.status, requestId: run.request.requestId };
  }

  /** L01: FirmwareUpdate when the station comes back from the install reboot (pass it to ChargePoint.start), else undefined. */
  bootReason(): BootReasonEnumType | undefined {
    return this.deps.store.load()?.status === 'InstallRebooting' ? 'FirmwareUpdate' : undefined;
  }

  /**
   * At start-up: concludes an installation that was interrupted by its reboot (Installed + FirmwareUpdated, or the
   * station's verdict) and remembers an interrupted download to resume once the CSMS accepted the boot.
   */
  start(): void {
    const record = this.deps.store.load();
    if (record === undefined || FINAL_FIRMWARE_STATUSES.has(record.status)) return;
    if (record.status === 'InstallRebooting' || record.status === 'Installing') {
      const fallback = record.status === 'InstallRebooting' ? 'Installed' : 'InstallationFailed';
      const status = this.deps.verifyInstalledFirmware?.(record) ?? fallback;
      this.deps.store.save({ request: record.request, status, updatedAt: this.deps.clock.now().toISOString() });
      if (record.artifact !== undefined) void this.deps.fileTransfer.discard(record.artifact.handle);
      if (status === 'Installed') this.deps.raise('FirmwareUpdated', `requestId ${record.request.requestId}: firmware installed`);
      this.deps.logger.info({ requestId: record.request.requestId, status }, 'Firmware update concluded after reboot');
      return;
    }
    this.resumeAfterBoot = record;
  }

  /**
   * Once BootNotification is Accepted: delivers a final status left undelivered and resumes an interrupted update.
   * Calling it again after a reconnect retries an undelivered final status; it never sends one twice at a time.
   */
  onRegistrationAccepted(): void {
    const stored = this.deps.store.load();
    const busy = this.activeRun() !== undefined;
    if (stored !== undefined && FINAL_FIRMWARE_STATUSES.has(stored.status) && !busy && !this.delivering) {
      this.delivering = true;
      void this.reporter.deliverPending(stored).finally(() => (this.delivering = false));
    }
    const resume = this.resumeAfterBoot;
    this.resumeAfterBoot = undefined;
    if (resume === undefined || busy) return;
    // The download restarts from scratch: a partial or unverified file from before the restart is not trusted.
    if (resume.artifact !== undefined) void this.deps.fileTransfer.discard(resume.artifact.handle);
    this.deps.logger.info({ requestId: resume.request.requestId, status: resume.status }, 'Resuming the firmware update interrupted by a restart');
    this.newRun(resume.request).start();
  }

  /** A transaction started or ended: an installation waiting for idle EVSEs re-checks (TC_L_12-16). */
  transactionsChanged(): void {
    this.run?.transactionsChanged();
  }

  /** Stops timers and transfers (ChargePoint.stop); the stored update resumes at the next start. */
  stop(): void {
    if (this.run?.halt() === true) this.run = undefined;
  }

  private installing(): boolean {
    return this.run?.phase === 'installing';
  }

  /** The update under way, if any (a halted or finished run no longer counts). */
  private activeRun(): FirmwareRun | undefined {
    return this.run?.phase === 'finished' ? undefined : this.run;
  }

  private newRun(request: UpdateFirmwareRequest): FirmwareRun {
    const run = new FirmwareRun(this.deps, this.options, this.reporter, request, (finished) => {
      if (this.run === finished) this.run = undefined;
    });
    this.run = run;
    return run;
  }

  private async checkCertificate(signingCertificate: string): Promise<{ valid: true } | { valid: false; reason: string }> {
    try {
      return await this.deps.verifier.checkSigningCertificate({
        signingCertificate,
        manufacturerRoots: this.deps.manufacturerRootCertificates(),
        at: this.deps.clock.now(),
      });
    } catch (error) {
      return { valid: false, reason: `Certificate check failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}

function rejectedWhileInstalling(): UpdateFirmwareResponse {
  // TC_L_11: an installation in progress cannot be cancelled.
  return { status: 'Rejected', statusInfo: { reasonCode: 'InstallInProgress', additionalInfo: 'A firmware installation is in progress and cannot be cancelled' } };
}
