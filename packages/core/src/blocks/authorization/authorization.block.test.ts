import { describe, expect, it } from 'vitest';
import { getValidator, type ClearCacheResponse } from '../../messages/index.js';
import type { CallContext } from '../../rpc/functional-block.js';
import { InMemoryAuthCacheStore } from '../../storage-memory/index.js';
import { cachedStore, makeAuthorizer, rfid } from './authorization.test-kit.js';
import { authorizationBlock } from './authorization.block.js';

const context: CallContext = { messageId: 'c1', afterReply: () => undefined };

async function clearCache(kit: ReturnType<typeof makeAuthorizer>): Promise<ClearCacheResponse> {
  const handler = authorizationBlock({ authorizer: kit.authorizer }).handlers.ClearCache;
  if (handler === undefined) throw new Error('no ClearCache handler');
  const response = await handler({}, context);
  expect(getValidator('ClearCache', 'response')(response)).toBeUndefined();
  return response;
}

describe('authorizationBlock: ClearCache (C11)', () => {
  it('declares ClearCache under the name authorization', () => {
    const block = authorizationBlock({ authorizer: makeAuthorizer().authorizer });
    expect(block.name).toBe('authorization');
    expect(Object.keys(block.handlers)).toEqual(['ClearCache']);
  });

  it('TC_C_37_CS: clears the cache (Accepted); the next presentation is sent to the CSMS', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCtrlr.LocalPreAuthorize': 'true' }, cache: cachedStore([{ idToken: rfid('CARD-1'), idTokenInfo: { status: 'Accepted' } }]) });
    expect(kit.deviceModel.get('AuthCacheCtrlr', 'Storage')).toBeGreaterThan(0);
    expect(await clearCache(kit)).toStrictEqual({ status: 'Accepted' });
    expect(kit.cache.count()).toBe(0);
    expect(kit.deviceModel.get('AuthCacheCtrlr', 'Storage')).toBe(0);
    kit.csms.answer('CARD-1', { status: 'Accepted' });
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toMatchObject({ source: 'csms' });
  });

  it('C11.FR.04 (TC_C_38_CS): answers Rejected while AuthCacheCtrlr.Enabled is false, and keeps the cache', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCacheCtrlr.Enabled': 'false' }, cache: cachedStore([{ idToken: rfid('CARD-1'), idTokenInfo: { status: 'Accepted' } }]) });
    expect(await clearCache(kit)).toStrictEqual({ status: 'Rejected' });
    expect(kit.cache.count()).toBe(1);
  });

  it('answers Rejected when the store cannot be cleared', async () => {
    const broken = new InMemoryAuthCacheStore();
    broken.clear = () => {
      throw new Error('disk full');
    };
    const kit = makeAuthorizer({ cache: broken });
    expect(await clearCache(kit)).toStrictEqual({ status: 'Rejected' });
    expect(kit.logger.entries.some((e) => e.level === 'error')).toBe(true);
  });
});
