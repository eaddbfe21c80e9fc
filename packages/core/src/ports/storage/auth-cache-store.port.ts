import type { IdTokenInfoType, IdTokenType } from '../../messages/index.js';

/** Which entries go first when the authorization cache is full (AuthCacheCtrlr.Policy, C10): least recently used, least frequently used, oldest stored. */
export type AuthCacheEvictionPolicy = 'LRU' | 'LFU' | 'FIFO';

/**
 * One authorization cache entry (C10): the presented token, the last idTokenInfo the CSMS gave for it, and its use.
 * Timestamps are UTC ISO 8601 as `Date.toISOString()` writes them, so they order correctly as text.
 */
export interface AuthCacheEntry {
  idToken: IdTokenType;
  idTokenInfo: IdTokenInfoType;
  /** When this idTokenInfo was stored. */
  storedAt: string;
  /** When the token was last presented or stored; AuthCacheCtrlr.LifeTime counts from here. */
  lastUsedAt: string;
  /** How many times the entry was stored or used (LFU). */
  useCount: number;
}

/**
 * Persistence of the authorization cache (C10-C12; TC_C_32_CS: it survives a reboot). Entries are keyed by
 * `authCacheKey(idToken)`: type + ':' + idToken in lower case (IdTokenType.idToken is case-insensitive).
 * Writes are durable when the call returns.
 */
export interface AuthCacheStorePort {
  /** The entry stored under this key, or undefined. */
  get(key: string): AuthCacheEntry | undefined;
  /** Inserts the entry, or replaces the one stored under the same key. */
  put(entry: AuthCacheEntry): void;
  /** Records one use: lastUsedAt becomes `at` and useCount grows by one; an unknown key is ignored. */
  touch(key: string, at: string): void;
  /** Removes one entry; an unknown key is ignored. */
  remove(key: string): void;
  /** Removes every entry (C11 ClearCache). */
  clear(): void;
  /** Number of entries. */
  count(): number;
  /** Every entry, ordered by key. */
  list(): AuthCacheEntry[];
  /**
   * Up to `limit` entries (all when absent) in the order the policy evicts them, first victim first; nothing is
   * removed. LRU: oldest lastUsedAt; LFU: lowest useCount, then oldest lastUsedAt; FIFO: oldest storedAt. Ties by key.
   */
  evictionCandidates(policy: AuthCacheEvictionPolicy, limit?: number): AuthCacheEntry[];
}
