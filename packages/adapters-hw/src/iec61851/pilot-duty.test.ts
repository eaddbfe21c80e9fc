import { describe, expect, it } from 'vitest';
import { ampsToDutyPercent } from './pilot-duty.js';

describe('ampsToDutyPercent (IEC 61851-1 Annex A, hardware.md 5.1)', () => {
  it('maps 6-51 A to I / 0.6 and 51-80 A to I / 2.5 + 64', () => {
    expect(ampsToDutyPercent(6)).toBeCloseTo(10, 6);
    expect(ampsToDutyPercent(16)).toBeCloseTo(26.667, 3);
    expect(ampsToDutyPercent(32)).toBeCloseTo(53.333, 3);
    expect(ampsToDutyPercent(63)).toBeCloseTo(89.2, 6);
    expect(ampsToDutyPercent(80)).toBeCloseTo(96, 6);
  });

  it('clamps 51-52.5 A to 51 A and has no duty below 6 A', () => {
    expect(ampsToDutyPercent(52)).toBeCloseTo(85, 6);
    expect(ampsToDutyPercent(5.9)).toBeNull();
    expect(ampsToDutyPercent(0)).toBeNull();
  });
});
