import type { AuthCacheEntry } from '../../ports/storage/auth-cache-store.port.js';

/**
 * Whether a cache entry may no longer be used (C10): AuthCacheCtrlr.LifeTime seconds have passed since its last use
 * (C10.FR.08, TC_C_46_CS), or its idTokenInfo.cacheExpiryDateTime has passed. An unreadable date counts as absent.
 */
export function isCacheEntryExpired(entry: AuthCacheEntry, now: Date, lifeTimeS: number | undefined): boolean {
  const nowMs = now.getTime();
  if (lifeTimeS !== undefined) {
    const lastUsedMs = Date.parse(entry.lastUsedAt);
    if (!Number.isNaN(lastUsedMs) && nowMs >= lastUsedMs + lifeTimeS * 1000) return true;
  }
  const expiry = entry.idTokenInfo.cacheExpiryDateTime;
  if (expiry !== undefined) {
    const expiryMs = Date.parse(expiry);
    if (!Number.isNaN(expiryMs) && nowMs >= expiryMs) return true;
  }
  return false;
}
