import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRapiFrame, parseRapiFrame, rapiSumChecksum, rapiXorChecksum } from './rapi-frame.js';

describe('RAPI frames (hardware.md 5.2, OpenEVSE rapi_proc.h)', () => {
  it('reproduces the documented XOR checksums', () => {
    expect(encodeRapiFrame('GS')).toBe('$GS^30\r');
    expect(encodeRapiFrame('G0')).toBe('$G0^53\r');
    expect(encodeRapiFrame('GV')).toBe('$GV^35\r');
    expect(encodeRapiFrame('F0', [1])).toBe('$F0 1^43\r');
    expect(encodeRapiFrame('SK', [0])).toBe('$SK 0^2C\r');
    expect(rapiXorChecksum('$F0 0')).toBe('42');
  });

  it('verifies the legacy additive checksum', () => {
    expect(rapiSumChecksum('$FE')).toBe('AF');
    expect(rapiSumChecksum('$FD')).toBe('AE');
    expect(parseRapiFrame('$FE*AF')).toEqual({ head: 'FE', params: [] });
  });

  it('parses a reply with its sequence id and rejects a bad checksum', () => {
    const line = encodeRapiFrame('OK', ['03', '1234', '03', '0140'], 0x2a).trimEnd();
    expect(parseRapiFrame(line)).toEqual({ head: 'OK', params: ['03', '1234', '03', '0140'], sequenceId: 0x2a });
    expect(parseRapiFrame(line.slice(0, -1) + (line.endsWith('0') ? '1' : '0'))).toMatch(/bad checksum/);
    expect(parseRapiFrame('garbage')).toBe('no $ start');
  });

  it('accepts an async frame after line noise', () => {
    expect(parseRapiFrame(`\u0000\u00ff${encodeRapiFrame('AT', ['03', '03', '32', '0140']).trimEnd()}`)).toMatchObject({ head: 'AT' });
  });

  it('decodes whatever it encodes (property)', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9.-]{1,6}$/);
    const head = fc.stringMatching(/^[A-Z][A-Z0-9]$/);
    fc.assert(
      fc.property(head, fc.array(token, { maxLength: 5 }), fc.option(fc.integer({ min: 1, max: 255 }), { nil: undefined }), (h, params, seq) => {
        const parsed = parseRapiFrame(encodeRapiFrame(h, params, seq).trimEnd());
        expect(parsed).toEqual(seq === undefined ? { head: h, params } : { head: h, params, sequenceId: seq });
      }),
    );
  });
});
