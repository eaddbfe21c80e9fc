import type { FirmwareStateStorePort, FirmwareUpdateRecord } from '../ports/storage/firmware-state-store.port.js';
import { cloneData } from './store-keys.js';

/** The firmware update in progress held in memory (L01); same contract as the SQLite store, minus surviving a restart. */
export class InMemoryFirmwareStateStore implements FirmwareStateStorePort {
  private record: FirmwareUpdateRecord | undefined;

  load(): FirmwareUpdateRecord | undefined {
    return this.record === undefined ? undefined : cloneData(this.record);
  }

  save(record: FirmwareUpdateRecord): void {
    this.record = cloneData(record);
  }

  clear(): void {
    this.record = undefined;
  }
}
