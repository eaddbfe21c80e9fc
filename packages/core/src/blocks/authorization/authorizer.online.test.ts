import { describe, expect, it } from 'vitest';
import type { IdTokenType } from '../../messages/index.js';
import { authCacheKey } from '../../storage-memory/index.js';
import { cachedStore, makeAuthorizer, rfid } from './authorization.test-kit.js';

describe('Authorizer online: AuthorizeRequest (C01, C04, C06)', () => {
  it('C01: sends an AuthorizeRequest for an RFID card and acts on the answer (TC_C_02_CS Accepted path)', async () => {
    const kit = makeAuthorizer();
    kit.csms.answer('CARD-1', { status: 'Accepted', groupIdToken: { idToken: 'FLEET', type: 'Central' } });
    const result = await kit.authorizer.authorize(rfid('CARD-1'), { evseId: 1 });
    expect(result).toStrictEqual({ idTokenInfo: { status: 'Accepted', groupIdToken: { idToken: 'FLEET', type: 'Central' } }, source: 'csms' });
    expect(kit.csms.requests).toStrictEqual([{ idToken: { idToken: 'CARD-1', type: 'ISO14443' } }]);
  });

  it.each(['Invalid', 'Unknown', 'Blocked', 'Expired'] as const)('TC_C_02/06_CS: a %s answer is not Accepted', async (status) => {
    const kit = makeAuthorizer();
    kit.csms.answer('CARD-X', { status });
    const result = await kit.authorizer.authorize(rfid('CARD-X'));
    expect(result).toStrictEqual({ idTokenInfo: { status }, source: 'csms' });
  });

  it.each<IdTokenType>([
    { idToken: '1234', type: 'KeyCode' },
    { idToken: 'E0040100ABCDEF01', type: 'ISO15693' },
    { idToken: 'locally-generated-1', type: 'Local' },
    { idToken: '00:1A:2B:3C:4D:5E', type: 'MacAddress' },
  ])('C04/C06: authorizes a $type token through the CSMS like an RFID card', async (idToken) => {
    const kit = makeAuthorizer();
    kit.csms.answer(idToken.idToken, { status: 'Accepted' });
    expect(await kit.authorizer.authorize(idToken)).toMatchObject({ idTokenInfo: { status: 'Accepted' }, source: 'csms' });
    expect(kit.csms.requests).toStrictEqual([{ idToken }]);
  });

  it('sends additionalInfo of the token unchanged', async () => {
    const kit = makeAuthorizer();
    const token: IdTokenType = { idToken: 'CARD-2', type: 'ISO14443', additionalInfo: [{ additionalIdToken: 'NL-ABC-123', type: 'ContractId' }] };
    await kit.authorizer.authorize(token);
    expect(kit.csms.requests).toStrictEqual([{ idToken: token }]);
  });

  it('C10.FR.11 (TC_C_36_CS): with LocalPreAuthorize false a cached Accepted token is still sent to the CSMS', async () => {
    const kit = makeAuthorizer({ cache: cachedStore([{ idToken: rfid('CARD-1'), idTokenInfo: { status: 'Accepted' } }]) });
    kit.csms.answer('CARD-1', { status: 'Accepted' });
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toMatchObject({ source: 'csms' });
    expect(kit.csms.sentIdTokens()).toEqual(['CARD-1']);
  });
});

describe('Authorizer: no authorization (C02, C05, AuthCtrlr.Enabled)', () => {
  it('C02: a start button (NoAuthorization) is Accepted without any AuthorizeRequest and is not cached', async () => {
    const kit = makeAuthorizer();
    const result = await kit.authorizer.authorize({ idToken: '', type: 'NoAuthorization' });
    expect(result).toStrictEqual({ idTokenInfo: { status: 'Accepted' }, source: 'no-authorization' });
    expect(kit.csms.requests).toEqual([]);
    expect(kit.cache.count()).toBe(0);
  });

  it('C05 (TC_F_03_CS): a remote start with AuthorizeRemoteStart false is Accepted without Authorize', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCtrlr.AuthorizeRemoteStart': 'false' } });
    const result = await kit.authorizer.authorize({ idToken: 'REMOTE-1', type: 'Central' }, { remoteStart: true, evseId: 1 });
    expect(result).toStrictEqual({ idTokenInfo: { status: 'Accepted' }, source: 'remote-start-trusted' });
    expect(kit.csms.requests).toEqual([]);
  });

  it('C05 (TC_F_02_CS): a remote start with AuthorizeRemoteStart true is authorized like a local token', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCtrlr.AuthorizeRemoteStart': 'true' } });
    kit.csms.answer('REMOTE-1', { status: 'Blocked' });
    const result = await kit.authorizer.authorize(rfid('REMOTE-1'), { remoteStart: true });
    expect(result).toStrictEqual({ idTokenInfo: { status: 'Blocked' }, source: 'csms' });
    expect(kit.csms.sentIdTokens()).toEqual(['REMOTE-1']);
  });

  it('AuthorizeRemoteStart false does not trust a locally presented token', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCtrlr.AuthorizeRemoteStart': 'false' } });
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toMatchObject({ source: 'csms', idTokenInfo: { status: 'Invalid' } });
  });

  it('AuthCtrlr.Enabled false: every token is Accepted without authorization', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCtrlr.Enabled': 'false' } });
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toStrictEqual({ idTokenInfo: { status: 'Accepted' }, source: 'no-authorization' });
    expect(kit.csms.requests).toEqual([]);
  });
});

describe('Authorizer online: the cache learns from every answer (C10)', () => {
  it('C10.FR.04 (TC_C_33_CS): stores Accepted and non-Accepted answers, replacing what was cached', async () => {
    const kit = makeAuthorizer({ cache: cachedStore([{ idToken: rfid('CARD-1'), idTokenInfo: { status: 'Accepted' }, useCount: 2 }]) });
    kit.csms.answer('CARD-1', { status: 'Blocked' }).answer('CARD-2', { status: 'Accepted', cacheExpiryDateTime: '2026-04-01T00:00:00.000Z' });
    await kit.authorizer.authorize(rfid('CARD-1'));
    await kit.authorizer.authorize(rfid('CARD-2'));
    expect(kit.cache.get(authCacheKey(rfid('CARD-1')))).toStrictEqual({
      idToken: rfid('CARD-1'),
      idTokenInfo: { status: 'Blocked' },
      storedAt: '2026-03-01T12:00:00.000Z',
      lastUsedAt: '2026-03-01T12:00:00.000Z',
      useCount: 3,
    });
    expect(kit.cache.get(authCacheKey(rfid('CARD-2')))?.idTokenInfo).toStrictEqual({ status: 'Accepted', cacheExpiryDateTime: '2026-04-01T00:00:00.000Z' });
  });

  it('stores nothing while AuthCacheCtrlr.Enabled is false', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCacheCtrlr.Enabled': 'false' } });
    kit.csms.answer('CARD-1', { status: 'Accepted' });
    await kit.authorizer.authorize(rfid('CARD-1'));
    kit.authorizer.updateFromTransactionResponse(rfid('CARD-1'), { status: 'Accepted' });
    expect(kit.cache.count()).toBe(0);
  });

  it('C10.FR.05 (TC_C_34_CS): a TransactionEventResponse idTokenInfo updates the cache', () => {
    const kit = makeAuthorizer({ cache: cachedStore([{ idToken: rfid('CARD-1'), idTokenInfo: { status: 'Accepted' } }]) });
    kit.authorizer.updateFromTransactionResponse(rfid('card-1'), { status: 'Invalid' });
    expect(kit.cache.list()).toMatchObject([{ idToken: { idToken: 'card-1' }, idTokenInfo: { status: 'Invalid' } }]);
  });

  it('treats the idToken case-insensitively when looking it up (IdTokenType.idToken)', async () => {
    const kit = makeAuthorizer({
      values: { 'AuthCtrlr.LocalPreAuthorize': 'true' },
      cache: cachedStore([{ idToken: rfid('ABCDEF'), idTokenInfo: { status: 'Accepted' } }]),
    });
    expect(await kit.authorizer.authorize(rfid('abcdef'))).toMatchObject({ source: 'cache' });
    expect(kit.csms.requests).toEqual([]);
  });
});

describe('Authorizer: DisableRemoteAuthorization and EVSE restrictions', () => {
  it('DisableRemoteAuthorization: never sends Authorize; the cache decides, an unknown token is Unknown', async () => {
    const kit = makeAuthorizer({
      values: { 'AuthCtrlr.DisableRemoteAuthorization': 'true', 'AuthCtrlr.OfflineTxForUnknownIdEnabled': 'true' },
      cache: cachedStore([
        { idToken: rfid('CARD-1'), idTokenInfo: { status: 'Accepted' } },
        { idToken: rfid('CARD-2'), idTokenInfo: { status: 'Blocked' } },
      ]),
    });
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toStrictEqual({ idTokenInfo: { status: 'Accepted' }, source: 'cache' });
    expect(await kit.authorizer.authorize(rfid('CARD-2'))).toStrictEqual({ idTokenInfo: { status: 'Blocked' }, source: 'cache' });
    expect(await kit.authorizer.authorize(rfid('CARD-3'))).toStrictEqual({ idTokenInfo: { status: 'Unknown' }, source: 'offline-unknown' });
    expect(kit.csms.requests).toEqual([]);
  });

  it('an Accepted idTokenInfo limited to other EVSEs is NotAllowedTypeEVSE on this one; the cache keeps the answer as given', async () => {
    const kit = makeAuthorizer();
    kit.csms.answer('CARD-1', { status: 'Accepted', evseId: [2] });
    expect(await kit.authorizer.authorize(rfid('CARD-1'), { evseId: 1 })).toStrictEqual({ idTokenInfo: { status: 'NotAllowedTypeEVSE', evseId: [2] }, source: 'csms' });
    expect(await kit.authorizer.authorize(rfid('CARD-1'), { evseId: 2 })).toStrictEqual({ idTokenInfo: { status: 'Accepted', evseId: [2] }, source: 'csms' });
    expect(await kit.authorizer.authorize(rfid('CARD-1'))).toMatchObject({ idTokenInfo: { status: 'Accepted' } });
    expect(kit.cache.list()[0]?.idTokenInfo).toStrictEqual({ status: 'Accepted', evseId: [2] });
  });
});

describe('Authorizer with a Local Authorization List (C13/C14 hook)', () => {
  const listed = (idToken: IdTokenType) =>
    idToken.idToken === 'LISTED-OK' ? { status: 'Accepted' as const } : idToken.idToken === 'LISTED-BLOCKED' ? { status: 'Blocked' as const } : undefined;

  it('C14.FR.02: an Accepted listed token starts at once with LocalPreAuthorize, ahead of the cache (TC_C_25_CS)', async () => {
    const kit = makeAuthorizer({
      values: { 'AuthCtrlr.LocalPreAuthorize': 'true' },
      localList: listed,
      cache: cachedStore([{ idToken: rfid('LISTED-OK'), idTokenInfo: { status: 'Blocked' } }]),
    });
    expect(await kit.authorizer.authorize(rfid('LISTED-OK'))).toStrictEqual({ idTokenInfo: { status: 'Accepted' }, source: 'local' });
    expect(kit.csms.requests).toEqual([]);
  });

  it('C14.FR.03: a listed token that is not Accepted is checked with the CSMS, and the answer is not cached', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCtrlr.LocalPreAuthorize': 'true' }, localList: listed });
    kit.csms.answer('LISTED-BLOCKED', { status: 'Accepted' });
    expect(await kit.authorizer.authorize(rfid('LISTED-BLOCKED'))).toStrictEqual({ idTokenInfo: { status: 'Accepted' }, source: 'csms' });
    expect(kit.cache.count()).toBe(0);
  });

  it('C13: offline with LocalAuthorizeOffline the list decides, whatever the status', async () => {
    const kit = makeAuthorizer({ online: false, values: { 'AuthCtrlr.LocalAuthorizeOffline': 'true', 'AuthCtrlr.OfflineTxForUnknownIdEnabled': 'true' }, localList: listed });
    expect(await kit.authorizer.authorize(rfid('LISTED-BLOCKED'))).toStrictEqual({ idTokenInfo: { status: 'Blocked' }, source: 'local' });
    expect(await kit.authorizer.authorize(rfid('LISTED-OK'))).toStrictEqual({ idTokenInfo: { status: 'Accepted' }, source: 'local' });
  });
});
