import type { FirmwareStatusEnumType, UpdateFirmwareRequest } from '../../messages/index.js';
import type { DownloadedArtifact } from '../file-transfer.port.js';

/**
 * The firmware update in progress (L01), as it must survive a reboot: the request, the last status reached and the
 * downloaded artifact. After the install reboot, status InstallRebooting makes the station boot with reason
 * FirmwareUpdate; a final status (Installed, InstallationFailed, InstallVerificationFailed) is kept until its
 * FirmwareStatusNotification was delivered.
 */
export interface FirmwareUpdateRecord {
  request: UpdateFirmwareRequest;
  status: FirmwareStatusEnumType;
  artifact?: DownloadedArtifact;
  /** When the record last changed, ISO 8601. */
  updatedAt: string;
}

/** Persistence of the one firmware update a station runs at a time. Writes are durable when the call returns. */
export interface FirmwareStateStorePort {
  /** The stored update, or undefined when none is stored. */
  load(): FirmwareUpdateRecord | undefined;
  /** Stores the update, replacing the previous one. */
  save(record: FirmwareUpdateRecord): void;
  /** Forgets the update; nothing stored is fine. */
  clear(): void;
}
