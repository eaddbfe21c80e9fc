import { describe, expect, it } from 'vitest';
import { authCacheStoreContract } from '../testing/store-contracts/index.js';
import { authCacheKey, InMemoryAuthCacheStore } from './in-memory-auth-cache-store.js';

authCacheStoreContract('InMemoryAuthCacheStore', () => ({ store: new InMemoryAuthCacheStore() }));

describe('authCacheKey', () => {
  it('is type + ":" + the idToken in lower case (IdTokenType.idToken is case-insensitive)', () => {
    expect(authCacheKey({ idToken: 'DEADBEEF', type: 'ISO14443' })).toBe('ISO14443:deadbeef');
    expect(authCacheKey({ idToken: '1234', type: 'KeyCode' })).toBe('KeyCode:1234');
  });
});
