import { describe, expect, it } from 'vitest';
import type { ComponentDefinition } from '../../device-model/index.js';
import type { AuthorizationStatusEnumType } from '../../messages/index.js';
import { authCacheKey, InMemoryAuthCacheStore } from '../../storage-memory/index.js';
import { cachedStore, makeAuthorizer, rfid } from './authorization.test-kit.js';
import { authCacheEntryBytes } from './cache-entry-size.js';

const preAuthorize = { 'AuthCtrlr.LocalPreAuthorize': 'true' } as const;

/** AuthCacheCtrlr.Storage redefined by the station with a small capacity (maxLimit, bytes). */
function storageCapacity(maxLimit: number): ComponentDefinition[] {
  return [
    {
      component: { name: 'AuthCacheCtrlr' },
      variables: [{ variable: { name: 'Storage' }, characteristics: { dataType: 'integer', unit: 'B', minLimit: 0, maxLimit }, attributes: [{ mutability: 'ReadOnly', persistent: false, value: '0' }] }],
    },
  ];
}

describe('Authorizer: start from the cache (C10, C12; LocalPreAuthorize true)', () => {
  it('C12.FR.03 (TC_C_08_CS, TC_C_13_CS): an Accepted cached token is Accepted at once, without Authorize, and its use recorded', async () => {
    const kit = makeAuthorizer({ values: preAuthorize, cache: cachedStore([{ idToken: rfid('CARD-1'), idTokenInfo: { status: 'Accepted', language1: 'nl' } }]) });
    await kit.clock.advance(60_000);
    const result = await kit.authorizer.authorize(rfid('CARD-1'), { evseId: 1 });
    expect(result).toStrictEqual({ idTokenInfo: { status: 'Accepted', language1: 'nl' }, source: 'cache' });
    expect(kit.csms.requests).toEqual([]);
    expect(kit.cache.get(authCacheKey(rfid('CARD-1')))).toMatchObject({ lastUsedAt: '2026-03-01T12:01:00.000Z', useCount: 2 });
  });

  it.each<[string, AuthorizationStatusEnumType, AuthorizationStatusEnumType]>([
    ['TC_C_09_CS Invalid & not accepted', 'Invalid', 'Invalid'],
    ['TC_C_10_CS Blocked', 'Blocked', 'Blocked'],
    ['TC_C_11_CS Expired', 'Expired', 'Expired'],
    ['TC_C_12_CS Invalid & accepted', 'Invalid', 'Accepted'],
  ])('C12.FR.05, C10.FR.03 (%s): a cached %s token is checked with the CSMS (DisablePostAuthorize false) and the answer, %s, is cached', async (_name, cached, answered) => {
    const kit = makeAuthorizer({
      values: { ...preAuthorize, 'AuthCacheCtrlr.DisablePostAuthorize': 'false' },
      cache: cachedStore([{ idToken: rfid('CARD-1'), idTokenInfo: { status: cached } }]),
    });
    kit.csms.answer('CARD-1', { status: answered });
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toStrictEqual({ idTokenInfo: { status: answered }, source: 'csms' });
    expect(kit.csms.sentIdTokens()).toEqual(['CARD-1']);
    expect(kit.cache.get(authCacheKey(rfid('CARD-1')))?.idTokenInfo).toStrictEqual({ status: answered });
  });

  it('TC_C_57_CS: with DisablePostAuthorize true a cached Blocked token is refused from the cache, without Authorize', async () => {
    const kit = makeAuthorizer({
      values: { ...preAuthorize, 'AuthCacheCtrlr.DisablePostAuthorize': 'true' },
      cache: cachedStore([{ idToken: rfid('CARD-1'), idTokenInfo: { status: 'Blocked' } }]),
    });
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toStrictEqual({ idTokenInfo: { status: 'Blocked' }, source: 'cache' });
    expect(kit.csms.requests).toEqual([]);
  });

  it('an uncached token is sent to the CSMS, and the next presentation is served from the cache', async () => {
    const kit = makeAuthorizer({ values: preAuthorize });
    kit.csms.answer('CARD-1', { status: 'Accepted' });
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toMatchObject({ source: 'csms' });
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toMatchObject({ source: 'cache' });
    expect(kit.csms.sentIdTokens()).toEqual(['CARD-1']);
  });

  it('a cache disabled by AuthCacheCtrlr.Enabled false is not used', async () => {
    const kit = makeAuthorizer({ values: { ...preAuthorize, 'AuthCacheCtrlr.Enabled': 'false' }, cache: cachedStore([{ idToken: rfid('CARD-1'), idTokenInfo: { status: 'Accepted' } }]) });
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toMatchObject({ source: 'csms' });
  });

  it('an Accepted cached token limited to another EVSE is not Accepted here', async () => {
    const kit = makeAuthorizer({ values: preAuthorize, cache: cachedStore([{ idToken: rfid('CARD-1'), idTokenInfo: { status: 'Accepted', evseId: [2] } }]) });
    expect(await kit.authorizer.authorize(rfid('CARD-1'), { evseId: 1 })).toStrictEqual({ idTokenInfo: { status: 'NotAllowedTypeEVSE', evseId: [2] }, source: 'cache' });
  });
});

describe('Authorizer: cache expiry (C10.FR.08 LifeTime, cacheExpiryDateTime)', () => {
  it('TC_C_46_CS: an entry not used for AuthCacheCtrlr.LifeTime seconds is dropped and the token sent to the CSMS again', async () => {
    const kit = makeAuthorizer({ values: { ...preAuthorize, 'AuthCacheCtrlr.LifeTime': '600' } });
    kit.csms.answer('CARD-1', { status: 'Accepted' });
    await kit.authorizer.authorize(rfid('CARD-1'));
    await kit.clock.advance(599_000);
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toMatchObject({ source: 'cache' });
    await kit.clock.advance(599_000);
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toMatchObject({ source: 'cache' });
    await kit.clock.advance(600_000);
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toMatchObject({ source: 'csms' });
    expect(kit.csms.sentIdTokens()).toEqual(['CARD-1', 'CARD-1']);
    expect(kit.cache.get(authCacheKey(rfid('CARD-1')))).toMatchObject({ storedAt: '2026-03-01T12:29:58.000Z', useCount: 1 });
  });

  it('an entry whose cacheExpiryDateTime has passed is not used and is removed', async () => {
    const kit = makeAuthorizer({
      values: preAuthorize,
      cache: cachedStore([{ idToken: rfid('CARD-1'), idTokenInfo: { status: 'Accepted', cacheExpiryDateTime: '2026-03-01T12:30:00.000Z' } }]),
    });
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toMatchObject({ source: 'cache' });
    await kit.clock.advance(30 * 60_000);
    kit.setOnline(false);
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toStrictEqual({ idTokenInfo: { status: 'Unknown' }, source: 'offline-unknown' });
    expect(kit.cache.count()).toBe(0);
  });

  it('drops entries that expired while the station was off when it starts', () => {
    const cache = cachedStore([
      { idToken: rfid('OLD'), idTokenInfo: { status: 'Accepted' }, at: '2026-02-01T00:00:00.000Z' },
      { idToken: rfid('NEW'), idTokenInfo: { status: 'Accepted' }, at: '2026-03-01T11:00:00.000Z' },
    ]);
    const kit = makeAuthorizer({ cache });
    expect(kit.cache.list().map((e) => e.idToken.idToken)).toEqual(['NEW']);
    expect(kit.deviceModel.get('AuthCacheCtrlr', 'Storage')).toBe(authCacheEntryBytes(kit.cache.list()[0]!));
  });
});

describe('Authorizer: the cache persists (TC_C_32_CS)', () => {
  it('a token cached before a reboot is served from the cache after it', async () => {
    const kit = makeAuthorizer({ values: preAuthorize });
    kit.csms.answer('CARD-1', { status: 'Accepted' });
    await kit.authorizer.authorize(rfid('CARD-1'));
    const rebooted = kit.restart();
    expect(await rebooted.authorize(rfid('CARD-1'))).toMatchObject({ source: 'cache', idTokenInfo: { status: 'Accepted' } });
    expect(kit.csms.sentIdTokens()).toEqual(['CARD-1']);
  });
});

describe('Authorizer: cache capacity and eviction (AuthCacheCtrlr.Storage, Policy)', () => {
  async function fill(kit: ReturnType<typeof makeAuthorizer>, tokens: string[]): Promise<void> {
    for (const token of tokens) {
      kit.csms.answer(token, { status: 'Accepted' });
      await kit.authorizer.authorize(rfid(token));
      await kit.clock.advance(1_000);
    }
  }

  it('publishes the bytes in use as AuthCacheCtrlr.Storage', async () => {
    const kit = makeAuthorizer();
    expect(kit.deviceModel.get('AuthCacheCtrlr', 'Storage')).toBe(0);
    await fill(kit, ['CARD-1', 'CARD-2']);
    const bytes = kit.cache.list().reduce((sum, e) => sum + authCacheEntryBytes(e), 0);
    expect(bytes).toBeGreaterThan(0);
    expect(kit.deviceModel.get('AuthCacheCtrlr', 'Storage')).toBe(bytes);
  });

  it('LRU (default): evicts the least recently used entries to fit Storage maxLimit, never the one just stored', async () => {
    const probe = new InMemoryAuthCacheStore();
    probe.put({ idToken: rfid('CARD-0'), idTokenInfo: { status: 'Accepted' }, storedAt: '2026-03-01T12:00:00.000Z', lastUsedAt: '2026-03-01T12:00:00.000Z', useCount: 10 });
    const oneEntry = authCacheEntryBytes(probe.list()[0]!);
    const kit = makeAuthorizer({ values: preAuthorize, additions: storageCapacity(oneEntry * 3 + 5) });
    await fill(kit, ['CARD-1', 'CARD-2', 'CARD-3']);
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toMatchObject({ source: 'cache' });
    await fill(kit, ['CARD-4']);
    expect(kit.cache.list().map((e) => e.idToken.idToken)).toEqual(['CARD-1', 'CARD-3', 'CARD-4']);
    expect(kit.deviceModel.get('AuthCacheCtrlr', 'Storage')).toBeLessThanOrEqual(oneEntry * 3 + 5);
  });

  it('LFU: evicts the least frequently used entry', async () => {
    const kit = makeAuthorizer({ values: { ...preAuthorize, 'AuthCacheCtrlr.Policy': 'LFU' }, maxCacheEntries: 2 });
    await fill(kit, ['CARD-1', 'CARD-2']);
    await kit.authorizer.authorize(rfid('CARD-1'));
    await kit.authorizer.authorize(rfid('CARD-2'));
    await kit.authorizer.authorize(rfid('CARD-2'));
    await kit.authorizer.authorize(rfid('CARD-1'));
    await kit.authorizer.authorize(rfid('CARD-2'));
    await fill(kit, ['CARD-3']);
    expect(kit.cache.list().map((e) => e.idToken.idToken)).toEqual(['CARD-2', 'CARD-3']);
  });

  it('FIFO: evicts the entry stored first, however recently used', async () => {
    const kit = makeAuthorizer({ values: { ...preAuthorize, 'AuthCacheCtrlr.Policy': 'FIFO' }, maxCacheEntries: 2 });
    await fill(kit, ['CARD-1', 'CARD-2']);
    await kit.authorizer.authorize(rfid('CARD-1'));
    await fill(kit, ['CARD-3']);
    expect(kit.cache.list().map((e) => e.idToken.idToken)).toEqual(['CARD-2', 'CARD-3']);
  });

  it('drops expired entries before evicting valid ones', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCacheCtrlr.LifeTime': '10' }, maxCacheEntries: 2 });
    await fill(kit, ['CARD-1']);
    await kit.clock.advance(20_000);
    await fill(kit, ['CARD-2', 'CARD-3']);
    expect(kit.cache.list().map((e) => e.idToken.idToken)).toEqual(['CARD-2', 'CARD-3']);
  });
});
