import type { FirmwareStatusEnumType, UpdateFirmwareRequest } from '../../messages/index.js';
import type { DownloadedArtifact } from '../../ports/file-transfer.port.js';
import type { FirmwareUpdateRecord } from '../../ports/storage/firmware-state-store.port.js';
import type { FirmwareUpdaterDeps } from './firmware-updater-deps.js';

/** Statuses that end an update; the record stays stored until their notification is delivered. */
export const FINAL_FIRMWARE_STATUSES: ReadonlySet<FirmwareStatusEnumType> = new Set<FirmwareStatusEnumType>([
  'DownloadFailed',
  'InvalidSignature',
  'Installed',
  'InstallationFailed',
  'InstallVerificationFailed',
]);

/**
 * L01 FirmwareStatusNotification with requestId for every status reached: stores the status first (it must survive a
 * reboot), then sends, one notification at a time and in order, skipping an immediate repeat of the same status (a
 * retried download stays Downloading). A final status is cleared from the store once the CSMS received it.
 */
export class FirmwareStatusReporter {
  private chain: Promise<unknown> = Promise.resolve();
  private lastSent: { requestId: number; status: FirmwareStatusEnumType } | undefined;

  constructor(private readonly deps: Pick<FirmwareUpdaterDeps, 'clock' | 'logger' | 'store' | 'sendFirmwareStatusNotification'>) {}

  /** Stores and sends one status; resolves to whether the CSMS received it (true for a skipped repeat). */
  report(request: UpdateFirmwareRequest, status: FirmwareStatusEnumType, artifact?: DownloadedArtifact): Promise<boolean> {
    const record: FirmwareUpdateRecord = { request, status, updatedAt: this.deps.clock.now().toISOString(), ...(artifact === undefined ? {} : { artifact }) };
    this.deps.store.save(record);
    const { requestId } = request;
    if (this.lastSent?.requestId === requestId && this.lastSent.status === status) return Promise.resolve(true);
    this.lastSent = { requestId, status };
    return this.enqueue(record);
  }

  /** Sends a stored final status left undelivered (after the install reboot or an outage). */
  deliverPending(record: FirmwareUpdateRecord): Promise<boolean> {
    this.lastSent = { requestId: record.request.requestId, status: record.status };
    return this.enqueue(record);
  }

  private enqueue(record: FirmwareUpdateRecord): Promise<boolean> {
    const delivery = this.chain.then(() => this.deliver(record));
    this.chain = delivery;
    return delivery;
  }

  private async deliver(record: FirmwareUpdateRecord): Promise<boolean> {
    const { status } = record;
    const { requestId } = record.request;
    try {
      await this.deps.sendFirmwareStatusNotification({ status, requestId });
    } catch (error) {
      this.deps.logger.warn({ err: error, status, requestId }, 'FirmwareStatusNotification not delivered');
      return false;
    }
    if (FINAL_FIRMWARE_STATUSES.has(status)) {
      const stored = this.deps.store.load();
      // A newer request may have replaced the record meanwhile: clear only the one just delivered.
      if (stored?.request.requestId === requestId && stored.status === status) this.deps.store.clear();
    }
    return true;
  }
}
