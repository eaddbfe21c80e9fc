import { describe, expect, it } from 'vitest';
import { applyPolicyPatch, authorizationStatus, DEFAULT_POLICY, parsePolicyPatch, PolicyError } from './policy.js';

describe('csms-dev policy', () => {
  it('defaults: boot Accepted, interval 300 s, every idToken accepted', () => {
    expect(DEFAULT_POLICY).toEqual({ boot: 'Accepted', heartbeatInterval: 300, acceptAll: true, tokens: [] });
    expect(authorizationStatus(DEFAULT_POLICY, { idToken: 'ANYTHING', type: 'ISO14443' })).toBe('Accepted');
  });

  it('C01: with a token list only listed idTokens are Accepted, others Invalid', () => {
    const policy = applyPolicyPatch(DEFAULT_POLICY, { tokens: ['AA11', 'BB22'] });
    expect(policy.acceptAll).toBe(false);
    expect(authorizationStatus(policy, { idToken: 'AA11', type: 'ISO14443' })).toBe('Accepted');
    expect(authorizationStatus(policy, { idToken: 'CC33', type: 'ISO14443' })).toBe('Invalid');
  });

  it('IdToken is case insensitive (IdTokenType.idToken): aa11 matches AA11', () => {
    const policy = applyPolicyPatch(DEFAULT_POLICY, { tokens: ['AA11'] });
    expect(authorizationStatus(policy, { idToken: 'aa11', type: 'ISO14443' })).toBe('Accepted');
  });

  it('a NoAuthorization idToken carries no identity and is Accepted even with a token list', () => {
    const policy = applyPolicyPatch(DEFAULT_POLICY, { tokens: ['AA11'] });
    expect(authorizationStatus(policy, { idToken: '', type: 'NoAuthorization' })).toBe('Accepted');
  });

  it('acceptAll: true goes back to accepting everything; a patch keeps the fields it does not name', () => {
    const listed = applyPolicyPatch(DEFAULT_POLICY, { tokens: ['AA11'], boot: 'Pending' });
    const open = applyPolicyPatch(listed, { acceptAll: true });
    expect(open).toEqual({ boot: 'Pending', heartbeatInterval: 300, acceptAll: true, tokens: ['AA11'] });
    expect(authorizationStatus(open, { idToken: 'ZZ', type: 'Central' })).toBe('Accepted');
  });

  it('refuses bad values with a message naming the field', () => {
    expect(() => applyPolicyPatch(DEFAULT_POLICY, { heartbeatInterval: 0 })).toThrow(/heartbeatInterval must be a whole number/);
    expect(() => applyPolicyPatch(DEFAULT_POLICY, { heartbeatInterval: 1.5 })).toThrow(PolicyError);
    expect(() => applyPolicyPatch(DEFAULT_POLICY, { tokens: [''] })).toThrow(/1 to 36 characters/);
    expect(() => applyPolicyPatch(DEFAULT_POLICY, { tokens: ['x'.repeat(37)] })).toThrow(/1 to 36 characters/);
    expect(() => applyPolicyPatch(DEFAULT_POLICY, { tokens: ['A'], acceptAll: true })).toThrow(/either tokens or acceptAll/);
  });

  it('parsePolicyPatch reads JSON and names unknown or mistyped fields', () => {
    expect(parsePolicyPatch({ boot: 'Rejected', heartbeatInterval: 10, tokens: ['A'] })).toEqual({ boot: 'Rejected', heartbeatInterval: 10, tokens: ['A'] });
    expect(() => parsePolicyPatch([])).toThrow(/must be a JSON object/);
    expect(() => parsePolicyPatch({ bot: 'Accepted' })).toThrow(/unknown policy field\(s\): bot/);
    expect(() => parsePolicyPatch({ boot: 'Maybe' })).toThrow(/boot must be one of Accepted, Pending, Rejected/);
    expect(() => parsePolicyPatch({ heartbeatInterval: '60' })).toThrow(/heartbeatInterval must be a number/);
    expect(() => parsePolicyPatch({ acceptAll: 'yes' })).toThrow(/acceptAll must be true or false/);
    expect(() => parsePolicyPatch({ tokens: 'AA11' })).toThrow(/tokens must be an array/);
  });
});
