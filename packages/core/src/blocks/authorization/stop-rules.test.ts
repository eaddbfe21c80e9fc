import { describe, expect, it } from 'vitest';
import type { ComponentDefinition } from '../../device-model/index.js';
import type { IdTokenType } from '../../messages/index.js';
import { makeAuthorizer, rfid } from './authorization.test-kit.js';
import { mayStopTransaction } from './group-id.js';
import { isMasterPass, masterPassGroupId } from './master-pass.js';
import { mayStartTransaction } from './may-start-transaction.js';

const fleet: IdTokenType = { idToken: 'FLEET-1', type: 'Central' };
const otherFleet: IdTokenType = { idToken: 'FLEET-2', type: 'Central' };
const master: IdTokenType = { idToken: 'MASTER', type: 'Central' };

/** AuthCtrlr.MasterPassGroupId, which the station adds to its device model (not in the standardized data). */
const masterPassVariable = (value: string): ComponentDefinition[] => [
  {
    component: { name: 'AuthCtrlr' },
    variables: [{ variable: { name: 'MasterPassGroupId' }, characteristics: { dataType: 'string', maxLimit: 36 }, attributes: [{ mutability: 'ReadWrite', value }] }],
  },
];

describe('mayStopTransaction (C09)', () => {
  const start = { idToken: rfid('CARD-1'), groupIdToken: fleet };

  it('the token that started the transaction may stop it, whatever its status now, compared case-insensitively', () => {
    expect(mayStopTransaction(start, { idToken: rfid('card-1'), idTokenInfo: { status: 'Blocked' } })).toBe(true);
    expect(mayStopTransaction({ idToken: rfid('CARD-1') }, { idToken: rfid('CARD-1'), idTokenInfo: { status: 'Accepted' } })).toBe(true);
  });

  it('the same idToken of another type is another token', () => {
    expect(mayStopTransaction({ idToken: rfid('1234') }, { idToken: { idToken: '1234', type: 'KeyCode' }, idTokenInfo: { status: 'Accepted' } })).toBe(false);
  });

  it('TC_C_39_CS: an Accepted token of the same group stops the transaction', () => {
    expect(mayStopTransaction(start, { idToken: rfid('CARD-2'), idTokenInfo: { status: 'Accepted', groupIdToken: { idToken: 'fleet-1', type: 'Central' } } })).toBe(true);
  });

  it('TC_C_42_CS: a token of another group, or without one, does not stop it', () => {
    expect(mayStopTransaction(start, { idToken: rfid('CARD-2'), idTokenInfo: { status: 'Accepted', groupIdToken: otherFleet } })).toBe(false);
    expect(mayStopTransaction(start, { idToken: rfid('CARD-2'), idTokenInfo: { status: 'Accepted' } })).toBe(false);
    expect(mayStopTransaction({ idToken: rfid('CARD-1') }, { idToken: rfid('CARD-2'), idTokenInfo: { status: 'Accepted', groupIdToken: fleet } })).toBe(false);
  });

  it('a token of the same group whose authorization is not Accepted does not stop it', () => {
    expect(mayStopTransaction(start, { idToken: rfid('CARD-2'), idTokenInfo: { status: 'Blocked', groupIdToken: fleet } })).toBe(false);
  });

  it('TC_C_41_CS: works with a group learned from the cache (the transactions block passes the cached idTokenInfo)', async () => {
    const kit = makeAuthorizer({ values: { 'AuthCtrlr.LocalPreAuthorize': 'true' } });
    kit.csms.answer('CARD-2', { status: 'Accepted', groupIdToken: fleet });
    await kit.authorizer.authorize(rfid('CARD-2'));
    const second = await kit.authorizer.authorize(rfid('CARD-2'));
    expect(second.source).toBe('cache');
    expect(mayStopTransaction(start, { idToken: rfid('CARD-2'), idTokenInfo: second.idTokenInfo })).toBe(true);
  });
});

describe('master pass (C16)', () => {
  it('reads AuthCtrlr.MasterPassGroupId when the station defines it', () => {
    expect(masterPassGroupId(makeAuthorizer().deviceModel)).toBeUndefined();
    expect(masterPassGroupId(makeAuthorizer({ additions: masterPassVariable('') }).deviceModel)).toBeUndefined();
    expect(masterPassGroupId(makeAuthorizer({ additions: masterPassVariable('MASTER') }).deviceModel)).toBe('MASTER');
  });

  it('TC_C_47/48/49_CS: an Accepted token whose group is MasterPassGroupId is a master pass: it may stop any transaction', async () => {
    const kit = makeAuthorizer({ additions: masterPassVariable('master') });
    kit.csms.answer('SERVICE-CARD', { status: 'Accepted', groupIdToken: master });
    const { idTokenInfo } = await kit.authorizer.authorize(rfid('SERVICE-CARD'));
    expect(isMasterPass(idTokenInfo, kit.deviceModel)).toBe(true);
    const presented = { idToken: rfid('SERVICE-CARD'), idTokenInfo };
    expect(mayStopTransaction({ idToken: rfid('CARD-1'), groupIdToken: fleet }, presented) || isMasterPass(idTokenInfo, kit.deviceModel)).toBe(true);
  });

  it('C16: a master pass never starts a transaction; other Accepted tokens do', () => {
    const kit = makeAuthorizer({ additions: masterPassVariable('MASTER') });
    expect(mayStartTransaction({ status: 'Accepted', groupIdToken: master }, kit.deviceModel)).toBe(false);
    expect(mayStartTransaction({ status: 'Accepted', groupIdToken: fleet }, kit.deviceModel)).toBe(true);
    expect(mayStartTransaction({ status: 'Accepted' }, kit.deviceModel)).toBe(true);
    expect(mayStartTransaction({ status: 'Invalid' }, kit.deviceModel)).toBe(false);
  });

  it('is not a master pass when not Accepted, of another group, or when no MasterPassGroupId is set', () => {
    const withMaster = makeAuthorizer({ additions: masterPassVariable('MASTER') }).deviceModel;
    expect(isMasterPass({ status: 'Blocked', groupIdToken: master }, withMaster)).toBe(false);
    expect(isMasterPass({ status: 'Accepted', groupIdToken: fleet }, withMaster)).toBe(false);
    expect(isMasterPass({ status: 'Accepted' }, withMaster)).toBe(false);
    expect(isMasterPass({ status: 'Accepted', groupIdToken: master }, makeAuthorizer().deviceModel)).toBe(false);
  });
});
