import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRegister } from './register-decoder.js';
import type { RegisterSpec } from './register-spec.js';

const spec = (type: RegisterSpec['type'], wordOrder: RegisterSpec['wordOrder'] = 'ABCD', scale = 1): RegisterSpec => ({
  fc: 4,
  address: 0,
  type,
  wordOrder,
  scale,
});

describe('decodeRegister (hardware.md 4)', () => {
  it('decodes an Eastron float32, high word first (230.1 V, 1234.567 kWh as Wh)', () => {
    const bytes = Buffer.alloc(8);
    bytes.writeFloatBE(230.1, 0);
    bytes.writeFloatBE(1234.567, 4);
    expect(decodeRegister(bytes, 0, spec('float32'))).toBeCloseTo(230.1, 4);
    expect(decodeRegister(bytes, 4, spec('float32', 'ABCD', 1000))).toBeCloseTo(1_234_567, 0);
  });

  it('decodes a Carlo Gavazzi int32 with the low word first (CDAB)', () => {
    // -12345 = 0xFFFFCFC7: low word CFC7 sent first, then FFFF.
    expect(decodeRegister(Buffer.from([0xcf, 0xc7, 0xff, 0xff]), 0, spec('int32', 'CDAB', 0.1))).toBeCloseTo(-1234.5, 6);
  });

  it('decodes an ABB uint64 energy counter beyond 32 bits', () => {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64BE(5_000_000_123n);
    expect(decodeRegister(bytes, 0, spec('uint64', 'ABCD', 10))).toBe(50_000_001_230);
  });

  it('returns NaN for a float NaN, an ABB "not available" sentinel, or registers missing from the reply', () => {
    expect(decodeRegister(Buffer.from([0x7f, 0xc0, 0, 0]), 0, spec('float32'))).toBeNaN();
    expect(decodeRegister(Buffer.from([0x7f, 0x80, 0, 0]), 0, spec('float32'))).toBeNaN();
    const abbUnavailable = { ...spec('uint64'), maxMeansUnavailable: true };
    expect(decodeRegister(Buffer.alloc(8, 0xff), 0, abbUnavailable)).toBeNaN();
    expect(decodeRegister(Buffer.from([0x7f, 0xff, 0xff, 0xff]), 0, { ...spec('int32'), maxMeansUnavailable: true })).toBeNaN();
    expect(decodeRegister(Buffer.alloc(2), 0, spec('int32'))).toBeNaN();
  });

  it('round-trips every 32-bit integer in both word orders (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.boolean(), (value, lowWordFirst) => {
        const bytes = Buffer.alloc(4);
        bytes.writeInt32BE(value);
        const wire = lowWordFirst ? Buffer.concat([bytes.subarray(2), bytes.subarray(0, 2)]) : bytes;
        expect(decodeRegister(wire, 0, spec('int32', lowWordFirst ? 'CDAB' : 'ABCD'))).toBe(value);
      }),
    );
  });

  it('round-trips every finite float32 (property)', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const bytes = Buffer.alloc(4);
        bytes.writeFloatBE(value);
        expect(decodeRegister(bytes, 0, spec('float32'))).toBe(bytes.readFloatBE(0));
      }),
    );
  });
});
