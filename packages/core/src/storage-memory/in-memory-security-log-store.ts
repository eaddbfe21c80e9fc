import type { SecurityLogEntry, SecurityLogStorePort } from '../ports/storage/security-log-store.port.js';
import { securityLogRangeMs } from './security-log-range.js';
import { cloneData } from './store-keys.js';

/** The local security log in memory (A04), rotated to the newest `maxEntries`; same contract as the SQLite store. */
export class InMemorySecurityLogStore implements SecurityLogStorePort {
  /** Entries ascending by id. */
  private readonly entries: SecurityLogEntry[] = [];
  private lastId = 0;

  append(entry: Omit<SecurityLogEntry, 'id'>, maxEntries: number): SecurityLogEntry {
    const stored: SecurityLogEntry = { ...cloneData(entry), id: this.lastId + 1 };
    this.lastId = stored.id;
    this.entries.push(stored);
    const excess = this.entries.length - Math.max(0, Math.floor(maxEntries));
    if (excess > 0) this.entries.splice(0, excess);
    return cloneData(stored);
  }

  list(range?: { from?: string; to?: string }): SecurityLogEntry[] {
    const bounds = securityLogRangeMs(range);
    const selected =
      bounds === undefined
        ? this.entries
        : this.entries.filter((e) => {
            const ms = Date.parse(e.timestamp);
            return ms >= bounds.fromMs && ms <= bounds.toMs;
          });
    return selected.map(cloneData);
  }
}
