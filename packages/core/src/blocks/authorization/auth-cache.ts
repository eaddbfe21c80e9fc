import type { DeviceModel } from '../../device-model/index.js';
import type { IdTokenInfoType, IdTokenType } from '../../messages/index.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { AuthCacheEntry, AuthCacheStorePort } from '../../ports/storage/auth-cache-store.port.js';
import { authCacheKey } from '../../storage-memory/in-memory-auth-cache-store.js';
import type { AuthSettings } from './auth-settings.js';
import { isCacheEntryExpired } from './cache-entry-expiry.js';
import { authCacheEntryBytes } from './cache-entry-size.js';

/** What the cache rules need. */
export interface AuthCacheDeps {
  store: AuthCacheStorePort;
  clock: ClockPort;
  logger: LoggerPort;
  deviceModel: DeviceModel;
  /** Most entries kept, on top of AuthCacheCtrlr.Storage's byte capacity; absent: no count limit. */
  maxEntries?: number;
}

const STORAGE = { component: { name: 'AuthCacheCtrlr' }, variable: { name: 'Storage' } } as const;

/**
 * The authorization cache's rules over its store (C10-C12): usable entries only (LifeTime and cacheExpiryDateTime),
 * every stored answer counted as a use, expired entries dropped first and then victims chosen by AuthCacheCtrlr.Policy
 * until the cache fits Storage's maxLimit and the entry limit; AuthCacheCtrlr.Storage reports the bytes in use.
 * A store failure while reading or writing is logged and the decision goes on without the cache.
 */
export class AuthCache {
  constructor(private readonly deps: AuthCacheDeps) {}

  /** The usable entry of a token, or undefined; an expired one is removed (C10.FR.08). */
  lookup(idToken: IdTokenType, settings: AuthSettings): AuthCacheEntry | undefined {
    const key = authCacheKey(idToken);
    try {
      const entry = this.deps.store.get(key);
      if (entry === undefined) return undefined;
      if (!isCacheEntryExpired(entry, this.deps.clock.now(), settings.cacheLifeTimeS)) return entry;
      this.deps.store.remove(key);
      this.refreshStorageUsage();
      return undefined;
    } catch (error) {
      this.deps.logger.error({ err: error, idTokenType: idToken.type }, 'authorization cache: reading an entry failed');
      return undefined;
    }
  }

  /** Records that a cached token was used (LRU/LFU; LifeTime counts from the last use). */
  touch(idToken: IdTokenType): void {
    try {
      this.deps.store.touch(authCacheKey(idToken), this.deps.clock.now().toISOString());
    } catch (error) {
      this.deps.logger.error({ err: error, idTokenType: idToken.type }, 'authorization cache: recording a use failed');
    }
  }

  /** Stores the idTokenInfo the CSMS gave for a token, whatever its status (C10.FR.04/05), then keeps the cache within its limits. */
  store(idToken: IdTokenType, idTokenInfo: IdTokenInfoType, settings: AuthSettings): void {
    const key = authCacheKey(idToken);
    const now = this.deps.clock.now().toISOString();
    try {
      const previous = this.deps.store.get(key);
      this.deps.store.put({ idToken, idTokenInfo, storedAt: now, lastUsedAt: now, useCount: (previous?.useCount ?? 0) + 1 });
    } catch (error) {
      this.deps.logger.error({ err: error, idTokenType: idToken.type }, 'authorization cache: storing an entry failed');
      return;
    }
    this.maintain(settings, key);
  }

  /** Removes every entry (C11); a store failure is thrown to the caller. */
  clear(): void {
    this.deps.store.clear();
    this.refreshStorageUsage();
  }

  /**
   * Drops expired entries, then evicts by policy until the cache fits AuthCacheCtrlr.Storage's maxLimit and the entry
   * limit, never evicting `keep` (the entry just stored: LFU would otherwise always pick it); updates Storage.
   */
  maintain(settings: AuthSettings, keep?: string): void {
    try {
      const now = this.deps.clock.now();
      let count = 0;
      let bytes = 0;
      for (const entry of this.deps.store.list()) {
        if (isCacheEntryExpired(entry, now, settings.cacheLifeTimeS)) {
          this.deps.store.remove(authCacheKey(entry.idToken));
        } else {
          count += 1;
          bytes += authCacheEntryBytes(entry);
        }
      }
      const fits = (): boolean => (this.deps.maxEntries === undefined || count <= this.deps.maxEntries) && (settings.cacheMaxBytes === undefined || bytes <= settings.cacheMaxBytes);
      if (!fits()) {
        for (const victim of this.deps.store.evictionCandidates(settings.cachePolicy)) {
          const key = authCacheKey(victim.idToken);
          if (key === keep) continue;
          this.deps.store.remove(key);
          count -= 1;
          bytes -= authCacheEntryBytes(victim);
          this.deps.logger.debug({ idTokenType: victim.idToken.type, policy: settings.cachePolicy }, 'authorization cache: entry evicted');
          if (fits()) break;
        }
      }
      this.publishStorageUsage(bytes);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'authorization cache: keeping the cache within its limits failed');
    }
  }

  /** Recounts the bytes in use and publishes them. */
  private refreshStorageUsage(): void {
    this.publishStorageUsage(this.deps.store.list().reduce((sum, entry) => sum + authCacheEntryBytes(entry), 0));
  }

  /** AuthCacheCtrlr.Storage Actual: the bytes the cache uses (its maxLimit is the capacity). */
  private publishStorageUsage(bytes: number): void {
    const { deviceModel } = this.deps;
    if (!deviceModel.has(STORAGE.component, STORAGE.variable)) return;
    try {
      deviceModel.setInternal(STORAGE.component, STORAGE.variable, String(Math.max(0, bytes)));
    } catch (error) {
      this.deps.logger.warn({ err: error, bytes }, 'authorization cache: AuthCacheCtrlr.Storage could not be updated');
    }
  }
}
