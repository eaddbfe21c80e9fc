import type { NetworkConnectionProfileType } from '../../messages/index.js';

/** One NetworkConnectionProfile in its configuration slot (B09). */
export interface NetworkProfileSlot {
  configurationSlot: number;
  profile: NetworkConnectionProfileType;
}

/** Persistence of the network connection profiles set by SetNetworkProfile or by the station's configuration. */
export interface NetworkProfileStorePort {
  /** Every slot, ordered by slot number. */
  loadAll(): NetworkProfileSlot[];
  /** Stores (or replaces) the profile of a slot. */
  set(slot: NetworkProfileSlot): void;
  /** Removes a slot (A05.FR.06: lower-profile slots after an upgrade). */
  remove(configurationSlot: number): void;
}
