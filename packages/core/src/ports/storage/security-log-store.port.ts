/** One entry of the local security log (A04; served by GetLog SecurityLog). */
export interface SecurityLogEntry {
  /** Store-assigned, increasing. */
  id: number;
  type: string;
  /** ISO 8601. */
  timestamp: string;
  techInfo?: string;
  critical: boolean;
}

/** The local security log, bounded by rotation (oldest entries dropped first). */
export interface SecurityLogStorePort {
  /** Appends an entry durably and drops the oldest entries beyond `maxEntries`. */
  append(entry: Omit<SecurityLogEntry, 'id'>, maxEntries: number): SecurityLogEntry;
  /** Entries in order, optionally within [from, to] (ISO 8601, inclusive). */
  list(range?: { from?: string; to?: string }): SecurityLogEntry[];
}
