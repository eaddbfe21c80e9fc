import { describe, expect, it } from 'vitest';
import { parseFrame, serializeCall, serializeCallError, serializeCallResult } from './frame.js';
import { NotImplementedError, RpcError } from './rpc-error.js';

describe('OCPP-J frame parsing (Part 4 §4)', () => {
  it('reads a CALL', () => {
    expect(parseFrame('[2,"abc","Reset",{"type":"Immediate"}]')).toEqual({
      kind: 'call',
      messageId: 'abc',
      action: 'Reset',
      payload: { type: 'Immediate' },
    });
  });

  it('reads a CALLRESULT and a CALLERROR', () => {
    expect(parseFrame('[3,"abc",{"status":"Accepted"}]')).toEqual({ kind: 'result', messageId: 'abc', payload: { status: 'Accepted' } });
    expect(parseFrame('[4,"abc","FormationViolation","bad",{}]')).toEqual({
      kind: 'error',
      messageId: 'abc',
      errorCode: 'FormationViolation',
      errorDescription: 'bad',
      errorDetails: {},
    });
  });

  it.each([
    ['invalid JSON', '[2,"abc","Reset",{', '-1', 'RpcFrameworkError'],
    ['a JSON object', '{"a":1}', '-1', 'RpcFrameworkError'],
    ['a numeric message id', '[2,7,"Reset",{}]', '-1', 'RpcFrameworkError'],
    ['an empty message id', '[2,"","Reset",{}]', '-1', 'RpcFrameworkError'],
    ['a 37-character message id', `[2,"${'x'.repeat(37)}","Reset",{}]`, '-1', 'RpcFrameworkError'],
    ['a string MessageTypeId', '["2","abc","Reset",{}]', 'abc', 'RpcFrameworkError'],
    ['an unknown MessageTypeId (§4.4)', '[5,"abc","Reset",{}]', 'abc', 'MessageTypeNotSupported'],
    ['a CALL without payload', '[2,"abc","Reset"]', 'abc', 'RpcFrameworkError'],
    ['a CALL with a numeric action', '[2,"abc",42,{}]', 'abc', 'RpcFrameworkError'],
  ])('answers %s with the CALLERROR Part 4 names', (_name, text, id, code) => {
    const frame = parseFrame(text);
    expect(frame).toMatchObject({ kind: 'invalid', messageId: id, reply: true });
    expect(frame.kind === 'invalid' && frame.error.code).toBe(code);
  });

  it.each([
    ['a CALLRESULT without payload', '[3,"abc"]'],
    ['a CALLRESULT with an array payload', '[3,"abc",[]]'],
    ['a CALLERROR missing details', '[4,"abc","GenericError","x"]'],
    ['a CALLERROR with a numeric code', '[4,"abc",1,"x",{}]'],
  ])('never answers %s (responses are never answered)', (_name, text) => {
    expect(parseFrame(text)).toMatchObject({ kind: 'invalid', reply: false });
  });

  it('writes exact frames', () => {
    expect(serializeCall('m1', 'Heartbeat', {})).toBe('[2,"m1","Heartbeat",{}]');
    expect(serializeCallResult('m1', { currentTime: '2026-01-01T00:00:00.000Z' })).toBe('[3,"m1",{"currentTime":"2026-01-01T00:00:00.000Z"}]');
    expect(serializeCallError('m1', new NotImplementedError('Unknown action Foo'))).toBe('[4,"m1","NotImplemented","Unknown action Foo",{}]');
  });

  it('bounds a CALLERROR description to 255 characters without splitting a surrogate pair', () => {
    const error = new RpcError('GenericError', `${'a'.repeat(254)}😀tail`);
    expect(error.message.length).toBeLessThanOrEqual(255);
    expect(error.message).toBe('a'.repeat(254));
    expect((JSON.parse(serializeCallError('m', error)) as unknown[])[3]).toHaveLength(254);
  });
});
