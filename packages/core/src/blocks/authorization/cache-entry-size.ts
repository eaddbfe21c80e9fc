import type { AuthCacheEntry } from '../../ports/storage/auth-cache-store.port.js';
import { authCacheKey } from '../../storage-memory/in-memory-auth-cache-store.js';

const utf8 = new TextEncoder();

/** The bytes an entry counts against AuthCacheCtrlr.Storage (C10): its key and the entry as UTF-8 JSON. */
export function authCacheEntryBytes(entry: AuthCacheEntry): number {
  return utf8.encode(authCacheKey(entry.idToken)).length + utf8.encode(JSON.stringify(entry)).length;
}
