import { authCacheKey, type AuthCacheEntry, type AuthCacheEvictionPolicy, type AuthCacheStorePort, type IdTokenInfoType, type IdTokenType } from '@evstation/core';
import type { SqliteContext } from './sqlite-context.js';
import { guarded } from './sqlite-errors.js';

interface EntryRow {
  id_token: string;
  id_token_info: string;
  stored_at: string;
  last_used_at: string;
  use_count: number;
}

const COLUMNS = 'id_token, id_token_info, stored_at, last_used_at, use_count';

/** The eviction order of the port (same as the in-memory store's comparators; ties by key). */
const ORDER_BY: Readonly<Record<AuthCacheEvictionPolicy, string>> = {
  LRU: 'last_used_at, token_key',
  LFU: 'use_count, last_used_at, token_key',
  FIFO: 'stored_at, token_key',
};

function toEntry(row: EntryRow): AuthCacheEntry {
  return {
    idToken: JSON.parse(row.id_token) as IdTokenType,
    idTokenInfo: JSON.parse(row.id_token_info) as IdTokenInfoType,
    storedAt: row.stored_at,
    lastUsedAt: row.last_used_at,
    useCount: row.use_count,
  };
}

/** The authorization cache on SQLite (C10-C12): one row per token key, durable across reboots (TC_C_32_CS). */
export class SqliteAuthCacheStore implements AuthCacheStorePort {
  private readonly selectOne;
  private readonly selectAll;
  private readonly upsert;
  private readonly touchOne;
  private readonly deleteOne;
  private readonly deleteAll;
  private readonly countAll;
  private readonly candidates: Readonly<Record<AuthCacheEvictionPolicy, { all(limit: number): EntryRow[] }>>;

  constructor(private readonly context: SqliteContext) {
    const { db } = context;
    this.selectOne = db.prepare<[string], EntryRow>(`SELECT ${COLUMNS} FROM auth_cache WHERE token_key = ?`);
    this.selectAll = db.prepare<[], EntryRow>(`SELECT ${COLUMNS} FROM auth_cache ORDER BY token_key`);
    this.upsert = db.prepare<{ token_key: string; id_token: string; id_token_info: string; stored_at: string; last_used_at: string; use_count: number }>(
      `INSERT INTO auth_cache (token_key, ${COLUMNS}) VALUES (@token_key, @id_token, @id_token_info, @stored_at, @last_used_at, @use_count)
       ON CONFLICT (token_key) DO UPDATE SET id_token = excluded.id_token, id_token_info = excluded.id_token_info,
         stored_at = excluded.stored_at, last_used_at = excluded.last_used_at, use_count = excluded.use_count`,
    );
    this.touchOne = db.prepare<[string, string]>('UPDATE auth_cache SET last_used_at = ?, use_count = use_count + 1 WHERE token_key = ?');
    this.deleteOne = db.prepare<[string]>('DELETE FROM auth_cache WHERE token_key = ?');
    this.deleteAll = db.prepare('DELETE FROM auth_cache');
    this.countAll = db.prepare<[], number>('SELECT count(*) FROM auth_cache').pluck();
    // LIMIT -1 is SQLite's "no limit".
    const byPolicy = (policy: AuthCacheEvictionPolicy) => db.prepare<[number], EntryRow>(`SELECT ${COLUMNS} FROM auth_cache ORDER BY ${ORDER_BY[policy]} LIMIT ?`);
    this.candidates = { LRU: byPolicy('LRU'), LFU: byPolicy('LFU'), FIFO: byPolicy('FIFO') };
  }

  get(key: string): AuthCacheEntry | undefined {
    return guarded(this.context.file, 'reading the authorization cache', () => {
      const row = this.selectOne.get(key);
      return row === undefined ? undefined : toEntry(row);
    });
  }

  put(entry: AuthCacheEntry): void {
    guarded(this.context.file, 'storing an authorization cache entry', () =>
      this.upsert.run({
        token_key: authCacheKey(entry.idToken),
        id_token: JSON.stringify(entry.idToken),
        id_token_info: JSON.stringify(entry.idTokenInfo),
        stored_at: entry.storedAt,
        last_used_at: entry.lastUsedAt,
        use_count: entry.useCount,
      }),
    );
  }

  touch(key: string, at: string): void {
    guarded(this.context.file, 'recording the use of an authorization cache entry', () => this.touchOne.run(at, key));
  }

  remove(key: string): void {
    guarded(this.context.file, 'removing an authorization cache entry', () => this.deleteOne.run(key));
  }

  clear(): void {
    guarded(this.context.file, 'clearing the authorization cache', () => this.deleteAll.run());
  }

  count(): number {
    return guarded(this.context.file, 'counting the authorization cache', () => this.countAll.get() ?? 0);
  }

  list(): AuthCacheEntry[] {
    return guarded(this.context.file, 'reading the authorization cache', () => this.selectAll.all().map(toEntry));
  }

  evictionCandidates(policy: AuthCacheEvictionPolicy, limit?: number): AuthCacheEntry[] {
    const max = limit === undefined ? -1 : Math.max(0, Math.floor(limit));
    return guarded(this.context.file, 'choosing authorization cache entries to evict', () => this.candidates[policy].all(max).map(toEntry));
  }
}
