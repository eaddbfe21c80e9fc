import { describe, expect, it } from 'vitest';
import { cachedStore, makeAuthorizer, rfid } from './authorization.test-kit.js';

const cached = () =>
  cachedStore([
    { idToken: rfid('CARD-OK'), idTokenInfo: { status: 'Accepted' } },
    { idToken: rfid('CARD-BLOCKED'), idTokenInfo: { status: 'Blocked' } },
  ]);

describe('Authorizer offline: LocalAuthorizeOffline (C12)', () => {
  it('uses a valid Accepted cache entry while offline, without any request', async () => {
    const kit = makeAuthorizer({ online: false, values: { 'AuthCtrlr.LocalAuthorizeOffline': 'true' }, cache: cached() });
    expect(await kit.authorizer.authorize(rfid('CARD-OK'))).toStrictEqual({ idTokenInfo: { status: 'Accepted' }, source: 'cache' });
    expect(kit.csms.requests).toEqual([]);
  });

  it('refuses a token the cache knows as not Accepted, even with OfflineTxForUnknownIdEnabled (it is not unknown)', async () => {
    const kit = makeAuthorizer({
      online: false,
      values: { 'AuthCtrlr.LocalAuthorizeOffline': 'true', 'AuthCtrlr.OfflineTxForUnknownIdEnabled': 'true' },
      cache: cached(),
    });
    expect(await kit.authorizer.authorize(rfid('CARD-BLOCKED'))).toStrictEqual({ idTokenInfo: { status: 'Blocked' }, source: 'cache' });
  });

  it('does not look in the cache when LocalAuthorizeOffline is false: every token is unknown offline', async () => {
    const kit = makeAuthorizer({ online: false, values: { 'AuthCtrlr.LocalAuthorizeOffline': 'false' }, cache: cached() });
    expect(await kit.authorizer.authorize(rfid('CARD-OK'))).toStrictEqual({ idTokenInfo: { status: 'Unknown' }, source: 'offline-unknown' });
  });

  it('LocalPreAuthorize does not matter offline', async () => {
    const kit = makeAuthorizer({ online: false, values: { 'AuthCtrlr.LocalAuthorizeOffline': 'true', 'AuthCtrlr.LocalPreAuthorize': 'false' }, cache: cached() });
    expect(await kit.authorizer.authorize(rfid('CARD-OK'))).toMatchObject({ source: 'cache' });
  });
});

describe('Authorizer offline: unknown ids (C15)', () => {
  it('TC_C_26_CS: with OfflineTxForUnknownIdEnabled an unknown token is Accepted offline, and nothing is cached', async () => {
    const kit = makeAuthorizer({ online: false, values: { 'AuthCtrlr.LocalAuthorizeOffline': 'true', 'AuthCtrlr.OfflineTxForUnknownIdEnabled': 'true' } });
    expect(await kit.authorizer.authorize(rfid('STRANGER'))).toStrictEqual({ idTokenInfo: { status: 'Accepted' }, source: 'offline-unknown' });
    expect(kit.csms.requests).toEqual([]);
    expect(kit.cache.count()).toBe(0);
  });

  it('without OfflineTxForUnknownIdEnabled an unknown token is Unknown offline', async () => {
    const kit = makeAuthorizer({ online: false, values: { 'AuthCtrlr.LocalAuthorizeOffline': 'true', 'AuthCtrlr.OfflineTxForUnknownIdEnabled': 'false' } });
    expect(await kit.authorizer.authorize(rfid('STRANGER'))).toStrictEqual({ idTokenInfo: { status: 'Unknown' }, source: 'offline-unknown' });
  });

  it('OfflineTxForUnknownIdEnabled does not apply online', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCtrlr.OfflineTxForUnknownIdEnabled': 'true' } });
    expect(await kit.authorizer.authorize(rfid('STRANGER'))).toStrictEqual({ idTokenInfo: { status: 'Invalid' }, source: 'csms' });
  });

  it('takes the settings as they are at the moment of the decision', async () => {
    const kit = makeAuthorizer({ online: false });
    expect(await kit.authorizer.authorize(rfid('STRANGER'))).toMatchObject({ idTokenInfo: { status: 'Unknown' } });
    kit.set('AuthCtrlr.OfflineTxForUnknownIdEnabled', 'true');
    expect(await kit.authorizer.authorize(rfid('STRANGER'))).toMatchObject({ idTokenInfo: { status: 'Accepted' } });
  });
});

describe('Authorizer: an AuthorizeRequest without an answer', () => {
  it('decides as offline when the request fails (timeout, CALLERROR, lost connection), and caches nothing', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCtrlr.LocalAuthorizeOffline': 'true', 'AuthCtrlr.OfflineTxForUnknownIdEnabled': 'true' }, cache: cached() });
    kit.csms.failWith(new Error('timeout'));
    expect(await kit.authorizer.authorize(rfid('CARD-OK'))).toStrictEqual({ idTokenInfo: { status: 'Accepted' }, source: 'cache' });
    expect(await kit.authorizer.authorize(rfid('CARD-BLOCKED'))).toStrictEqual({ idTokenInfo: { status: 'Blocked' }, source: 'cache' });
    expect(await kit.authorizer.authorize(rfid('STRANGER'))).toStrictEqual({ idTokenInfo: { status: 'Accepted' }, source: 'offline-unknown' });
    expect(kit.csms.sentIdTokens()).toEqual(['CARD-OK', 'CARD-BLOCKED', 'STRANGER']);
    expect(kit.cache.count()).toBe(2);
    expect(kit.logger.entries.some((e) => e.level === 'warn' && e.message.includes('no answer'))).toBe(true);
  });

  it('without OfflineTxForUnknownIdEnabled an unanswered unknown token is Unknown', async () => {
    const kit = makeAuthorizer();
    kit.csms.failWith(new Error('CALLERROR InternalError'));
    expect(await kit.authorizer.authorize(rfid('STRANGER'))).toStrictEqual({ idTokenInfo: { status: 'Unknown' }, source: 'offline-unknown' });
  });

  it('never logs the idToken itself', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCtrlr.LocalPreAuthorize': 'true' } });
    kit.csms.answer('SECRET-CARD', { status: 'Accepted' });
    await kit.authorizer.authorize(rfid('SECRET-CARD'));
    await kit.authorizer.authorize(rfid('SECRET-CARD'));
    kit.csms.failWith(new Error('timeout'));
    await kit.authorizer.authorize(rfid('SECRET-OTHER'));
    expect(kit.logger.text()).not.toMatch(/SECRET/i);
  });
});
