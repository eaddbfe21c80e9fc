import { describe, expect, it } from 'vitest';
import { checkValue, splitList } from './value-rules.js';

const ok = (value: string, c: Parameters<typeof checkValue>[1]): void => expect(checkValue(value, c), `${JSON.stringify(value)} as ${c.dataType}`).toBeUndefined();
const bad = (value: string, c: Parameters<typeof checkValue>[1], reasonCode = 'InvalidValue'): void =>
  expect(checkValue(value, c)?.reasonCode, `${JSON.stringify(value)} as ${c.dataType}`).toBe(reasonCode);

describe('value rules by dataType (B05, TC_B_11_CS invalid format)', () => {
  it('integer: optional sign and digits only, 32-bit', () => {
    for (const v of ['0', '42', '-5', '+7', '2147483647']) ok(v, { dataType: 'integer' });
    for (const v of ['', ' 1', '1 ', '1.0', '1e3', 'abc', '0x10', '2147483648', '--1']) bad(v, { dataType: 'integer' });
  });

  it('decimal: sign, digits and an optional fraction', () => {
    for (const v of ['0', '3', '-0.25', '+1.5', '.5', '22000.0']) ok(v, { dataType: 'decimal' });
    for (const v of ['', '1,5', '1.', 'abc', '1e3', 'NaN', 'Infinity']) bad(v, { dataType: 'decimal' });
  });

  it('boolean: exactly "true" or "false"', () => {
    ok('true', { dataType: 'boolean' });
    ok('false', { dataType: 'boolean' });
    for (const v of ['True', 'FALSE', '1', '0', 'yes', '']) bad(v, { dataType: 'boolean' });
  });

  it('dateTime: RFC 3339 with an offset, real calendar dates', () => {
    for (const v of ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.123Z', '2024-02-29T23:59:59+02:00', '2026-06-30t12:00:00z']) ok(v, { dataType: 'dateTime' });
    for (const v of ['2026-01-01', '2026-01-01T00:00:00', '2026-01-01 00:00:00Z', '2026-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', 'now']) {
      bad(v, { dataType: 'dateTime' });
    }
  });

  it('OptionList: exactly one member of valuesList', () => {
    const c = { dataType: 'OptionList', valuesList: 'LRU,LFU,FIFO' } as const;
    ok('LFU', c);
    for (const v of ['lfu', 'LRU,LFU', '', 'MRU']) bad(v, c);
  });

  it('MemberList: a subset of valuesList without duplicates; the empty set is allowed', () => {
    const c = { dataType: 'MemberList', valuesList: 'EVConnected,Authorized,PowerPathClosed' } as const;
    for (const v of ['Authorized', 'EVConnected,Authorized', 'Authorized, EVConnected', '']) ok(v, c);
    for (const v of ['Authorized,Authorized', 'ParkingBayOccupancy', 'Authorized,', ',Authorized']) bad(v, c);
  });

  it('SequenceList: ordered, non-empty, unique, members in valuesList when there is one', () => {
    ok('2,1,3', { dataType: 'SequenceList' });
    bad('', { dataType: 'SequenceList' });
    bad('1,1', { dataType: 'SequenceList' });
    const c = { dataType: 'SequenceList', valuesList: 'Heartbeat,NTP,GPS' } as const;
    ok('NTP,Heartbeat', c);
    bad('NTP,Sundial', c);
  });

  it('string: anything', () => {
    for (const v of ['', 'a,b', 'ünïcode']) ok(v, { dataType: 'string' });
  });
});

describe('limits (B05: minLimit/maxLimit)', () => {
  it('numbers are compared with minLimit and maxLimit', () => {
    const c = { dataType: 'integer', minLimit: 0, maxLimit: 3 } as const;
    ok('0', c);
    ok('3', c);
    bad('-1', c, 'ValueTooLow');
    bad('4', c, 'ValueTooHigh');
    bad('22000.5', { dataType: 'decimal', maxLimit: 22_000 }, 'ValueTooHigh');
  });

  it('strings and lists: limits are lengths of the text', () => {
    const c = { dataType: 'string', minLimit: 16, maxLimit: 40 } as const;
    ok('a'.repeat(16), c);
    ok('a'.repeat(40), c);
    bad('a'.repeat(15), c, 'ValueOutOfRange');
    bad('a'.repeat(41), c, 'ValueOutOfRange');
    bad('A,B', { dataType: 'MemberList', valuesList: 'A,B', maxLimit: 2 }, 'ValueOutOfRange');
  });

  it('format is checked before limits', () => {
    bad('abc', { dataType: 'integer', minLimit: 0 }, 'InvalidValue');
  });
});

describe('splitList', () => {
  it('trims members; the empty text has none', () => {
    expect(splitList(' a , b ')).toEqual(['a', 'b']);
    expect(splitList('')).toEqual([]);
  });
});
