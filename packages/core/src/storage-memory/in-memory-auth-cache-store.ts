import type { IdTokenType } from '../messages/index.js';
import type { AuthCacheEntry, AuthCacheEvictionPolicy, AuthCacheStorePort } from '../ports/storage/auth-cache-store.port.js';
import { cloneData } from './store-keys.js';

/** The key of a token in the authorization cache: type + ':' + idToken in lower case (IdTokenType.idToken is case-insensitive; C10). */
export function authCacheKey(idToken: Pick<IdTokenType, 'idToken' | 'type'>): string {
  return `${idToken.type}:${idToken.idToken.toLowerCase()}`;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The eviction order of the port, as the SQLite store's ORDER BY clauses give it. */
function evictionOrder(policy: AuthCacheEvictionPolicy): (a: [string, AuthCacheEntry], b: [string, AuthCacheEntry]) => number {
  switch (policy) {
    case 'LRU':
      return ([ka, a], [kb, b]) => byText(a.lastUsedAt, b.lastUsedAt) || byText(ka, kb);
    case 'LFU':
      return ([ka, a], [kb, b]) => a.useCount - b.useCount || byText(a.lastUsedAt, b.lastUsedAt) || byText(ka, kb);
    case 'FIFO':
      return ([ka, a], [kb, b]) => byText(a.storedAt, b.storedAt) || byText(ka, kb);
  }
}

/** The authorization cache in memory (C10-C12): for simulators and tests; passes the same contract suite as the SQLite store. */
export class InMemoryAuthCacheStore implements AuthCacheStorePort {
  private readonly entries = new Map<string, AuthCacheEntry>();

  get(key: string): AuthCacheEntry | undefined {
    const entry = this.entries.get(key);
    return entry === undefined ? undefined : cloneData(entry);
  }

  put(entry: AuthCacheEntry): void {
    this.entries.set(authCacheKey(entry.idToken), cloneData(entry));
  }

  touch(key: string, at: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    entry.lastUsedAt = at;
    entry.useCount += 1;
  }

  remove(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  count(): number {
    return this.entries.size;
  }

  list(): AuthCacheEntry[] {
    return [...this.entries.entries()].sort(([a], [b]) => byText(a, b)).map(([, entry]) => cloneData(entry));
  }

  evictionCandidates(policy: AuthCacheEvictionPolicy, limit?: number): AuthCacheEntry[] {
    const ordered = [...this.entries.entries()].sort(evictionOrder(policy));
    return (limit === undefined ? ordered : ordered.slice(0, Math.max(0, Math.floor(limit)))).map(([, entry]) => cloneData(entry));
  }
}
