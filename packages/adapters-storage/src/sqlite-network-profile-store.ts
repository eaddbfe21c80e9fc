import type { NetworkConnectionProfileType, NetworkProfileSlot, NetworkProfileStorePort } from '@evstation/core';
import type { SqliteContext } from './sqlite-context.js';
import { guarded } from './sqlite-errors.js';

interface SlotRow {
  configuration_slot: number;
  profile: string;
}

/** Network connection profiles on SQLite (B09, A05.FR.06): one JSON profile per configuration slot. */
export class SqliteNetworkProfileStore implements NetworkProfileStorePort {
  private readonly selectAll;
  private readonly upsert;
  private readonly deleteOne;

  constructor(private readonly context: SqliteContext) {
    const { db } = context;
    this.selectAll = db.prepare<[], SlotRow>('SELECT configuration_slot, profile FROM network_profile ORDER BY configuration_slot');
    this.upsert = db.prepare<[number, string]>(
      'INSERT INTO network_profile (configuration_slot, profile) VALUES (?, ?) ON CONFLICT (configuration_slot) DO UPDATE SET profile = excluded.profile',
    );
    this.deleteOne = db.prepare<[number]>('DELETE FROM network_profile WHERE configuration_slot = ?');
  }

  loadAll(): NetworkProfileSlot[] {
    return guarded(this.context.file, 'loading network profiles', () =>
      this.selectAll.all().map((row) => ({ configurationSlot: row.configuration_slot, profile: JSON.parse(row.profile) as NetworkConnectionProfileType })),
    );
  }

  set(slot: NetworkProfileSlot): void {
    guarded(this.context.file, 'storing a network profile', () => this.upsert.run(slot.configurationSlot, JSON.stringify(slot.profile)));
  }

  remove(configurationSlot: number): void {
    guarded(this.context.file, 'removing a network profile', () => this.deleteOne.run(configurationSlot));
  }
}
