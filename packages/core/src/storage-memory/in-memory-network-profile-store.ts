import type { NetworkProfileSlot, NetworkProfileStorePort } from '../ports/storage/network-profile-store.port.js';
import { cloneData } from './store-keys.js';

/** Network connection profiles in memory (B09, A05.FR.06), one per configuration slot; same contract as the SQLite store. */
export class InMemoryNetworkProfileStore implements NetworkProfileStorePort {
  private readonly slots = new Map<number, NetworkProfileSlot>();

  loadAll(): NetworkProfileSlot[] {
    return [...this.slots.values()].sort((a, b) => a.configurationSlot - b.configurationSlot).map(cloneData);
  }

  set(slot: NetworkProfileSlot): void {
    this.slots.set(slot.configurationSlot, cloneData(slot));
  }

  remove(configurationSlot: number): void {
    this.slots.delete(configurationSlot);
  }
}
