import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock.js';
import { ClockAlignedTimer, nextClockAlignedInstant } from './clock-aligned-timer.js';
import { PeriodicTimer } from './periodic-timer.js';

const next = (iso: string, intervalS: number): string => nextClockAlignedInstant(new Date(iso), intervalS).toISOString();

describe('nextClockAlignedInstant (J01: aligned to midnight UTC)', () => {
  it('900 s gives the quarter hours, strictly after the given instant', () => {
    expect(next('2026-03-01T12:00:00.000Z', 900)).toBe('2026-03-01T12:15:00.000Z');
    expect(next('2026-03-01T12:07:30.000Z', 900)).toBe('2026-03-01T12:15:00.000Z');
    expect(next('2026-03-01T12:14:59.999Z', 900)).toBe('2026-03-01T12:15:00.000Z');
    expect(next('2026-03-01T23:50:00.000Z', 900)).toBe('2026-03-02T00:00:00.000Z');
  });

  it('restarts at midnight when the interval does not divide a day', () => {
    expect(next('2026-03-01T20:00:00.000Z', 25_200)).toBe('2026-03-01T21:00:00.000Z');
    expect(next('2026-03-01T21:00:00.000Z', 25_200)).toBe('2026-03-02T00:00:00.000Z');
    expect(next('2026-03-01T12:00:00.000Z', 100_000)).toBe('2026-03-02T00:00:00.000Z');
  });

  it('refuses an interval that is not positive', () => {
    expect(() => next('2026-03-01T12:00:00.000Z', 0)).toThrow(RangeError);
  });
});

describe('ClockAlignedTimer', () => {
  it('computes the delay from clock.now() and ticks once per aligned instant', async () => {
    const clock = new FakeClock(new Date('2026-03-01T12:07:30.000Z'));
    const ticks: string[] = [];
    const timer = new ClockAlignedTimer(clock, () => 900, (instant) => ticks.push(`${instant.toISOString()}@${clock.now().toISOString()}`));
    timer.arm();
    expect(clock.msUntilNextTimer()).toBe(450_000);
    await clock.advance(2 * 900_000);
    expect(ticks).toEqual(['2026-03-01T12:15:00.000Z@2026-03-01T12:15:00.000Z', '2026-03-01T12:30:00.000Z@2026-03-01T12:30:00.000Z']);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('does not tick twice for one instant when the timer fires before the wall clock reaches it', async () => {
    const clock = new FakeClock(new Date('2026-03-01T12:14:00.000Z'));
    const ticks: string[] = [];
    const timer = new ClockAlignedTimer(clock, () => 900, (instant) => ticks.push(instant.toISOString()));
    timer.arm();
    clock.setWallTime(new Date('2026-03-01T12:13:59.000Z'));
    await clock.advance(60_000);
    expect(ticks).toEqual(['2026-03-01T12:15:00.000Z']);
    expect(clock.msUntilNextTimer()).toBe(901_000);
  });

  it('re-aligns on arm() after the wall clock was set, and stays off with interval 0', () => {
    const clock = new FakeClock(new Date('2026-03-01T12:00:00.000Z'));
    let intervalS = 900;
    const timer = new ClockAlignedTimer(clock, () => intervalS, () => undefined);
    timer.arm();
    clock.setWallTime(new Date('2026-03-01T12:10:00.000Z'));
    timer.arm();
    expect(clock.msUntilNextTimer()).toBe(300_000);
    intervalS = 0;
    timer.arm();
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('PeriodicTimer', () => {
  it('J02: ticks every interval from its anchor without drift, and keeps the anchor when re-armed', async () => {
    const clock = new FakeClock();
    await clock.advance(7_000);
    let intervalS = 60;
    const ticks: number[] = [];
    const timer = new PeriodicTimer(clock, clock.monotonicMs(), () => intervalS, () => ticks.push(clock.monotonicMs()));
    timer.arm();
    await clock.advance(130_000);
    expect(ticks).toEqual([67_000, 127_000]);
    intervalS = 50;
    timer.arm();
    await clock.advance(100_000);
    expect(ticks).toEqual([67_000, 127_000, 157_000, 207_000]);
    timer.cancel();
    expect(clock.pendingTimers()).toBe(0);
  });
});
