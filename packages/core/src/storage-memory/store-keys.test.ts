import { describe, expect, it } from 'vitest';
import { cloneData } from './store-keys.js';

describe('cloneData (what the in-memory stores copy in and out)', () => {
  it('copies every object and array, so neither side can change the other', () => {
    const original = { transactionId: 'tx-1', facts: { evConnected: true }, meterValues: [{ timestamp: '2026-03-01T12:00:00Z', sampledValue: [{ value: 1.5 }] }], missing: undefined };
    const copy = cloneData(original);
    expect(copy).toStrictEqual(original);
    copy.facts.evConnected = false;
    copy.meterValues[0]!.sampledValue.push({ value: 2 });
    expect(original.facts.evConnected).toBe(true);
    expect(original.meterValues[0]!.sampledValue).toHaveLength(1);
  });

  it('leaves non-plain data to structuredClone: a Date stays a Date, a function is refused', () => {
    const at = new Date('2026-03-01T12:00:00Z');
    const copy = cloneData({ at });
    expect(copy.at).toBeInstanceOf(Date);
    expect(copy.at).not.toBe(at);
    expect(copy.at.getTime()).toBe(at.getTime());
    expect(() => cloneData({ build: () => 1 })).toThrow();
  });
});
