import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backOffDelayMs } from './back-off.js';

const backOff = { waitMinimumSeconds: 3, randomRangeSeconds: 10, repeatTimes: 2 };

describe('backOffDelayMs (Part 4 §5.3 RetryBackOff*)', () => {
  it('first wait is RetryBackOffWaitMinimum plus 0..RetryBackOffRandomRange', () => {
    expect(backOffDelayMs(0, backOff, () => 0)).toBe(3_000);
    expect(backOffDelayMs(0, backOff, () => 0.5)).toBe(8_000);
    expect(backOffDelayMs(0, backOff, () => 0.999_999)).toBeLessThan(13_000);
  });

  it('doubles the wait RetryBackOffRepeatTimes times, then keeps it constant', () => {
    const noJitter = (attempt: number): number => backOffDelayMs(attempt, backOff, () => 0);
    expect([0, 1, 2, 3, 4, 10].map(noJitter)).toEqual([3_000, 6_000, 12_000, 12_000, 12_000, 12_000]);
  });

  it('adds a new random part on every attempt, not a doubled one', () => {
    expect(backOffDelayMs(2, backOff, () => 0.5)).toBe(12_000 + 5_000);
  });

  it('with RetryBackOffRepeatTimes 0 the wait never doubles', () => {
    expect(backOffDelayMs(5, { ...backOff, repeatTimes: 0 }, () => 0)).toBe(3_000);
  });

  it('stays within [min * 2^min(k, repeat), that + range) for any attempt and random value', () => {
    fc.assert(
      fc.property(
        fc.nat(50),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.record({ waitMinimumSeconds: fc.nat(600), randomRangeSeconds: fc.nat(600), repeatTimes: fc.nat(10) }),
        (attempt, r, b) => {
          const base = b.waitMinimumSeconds * 1000 * 2 ** Math.min(attempt, b.repeatTimes);
          const delay = backOffDelayMs(attempt, b, () => r);
          expect(delay).toBeGreaterThanOrEqual(base);
          expect(delay).toBeLessThanOrEqual(base + b.randomRangeSeconds * 1000);
          expect(Number.isInteger(delay)).toBe(true);
        },
      ),
    );
  });
});
