import type { ClockPort, TimerHandle } from '../../ports/clock.port.js';

const DAY_MS = 86_400_000;

/**
 * J01: the first clock-aligned instant strictly after `after`: midnight UTC + k × interval, restarting at each
 * midnight (e.g. 900 s → :00, :15, :30, :45; 25 200 s → 00:00, 07:00, 14:00, 21:00, then 00:00).
 */
export function nextClockAlignedInstant(after: Date, intervalS: number): Date {
  if (!Number.isFinite(intervalS) || intervalS <= 0) throw new RangeError(`A clock-aligned interval must be > 0 s, not ${intervalS}`);
  const time = after.getTime();
  const midnight = Math.floor(time / DAY_MS) * DAY_MS;
  const intervalMs = intervalS * 1000;
  const next = midnight + (Math.floor((time - midnight) / intervalMs) + 1) * intervalMs;
  return new Date(Math.min(next, midnight + DAY_MS));
}

/**
 * J01: fires `onTick` at every clock-aligned instant of an interval read at each arming (0 or less: off). The delay
 * is computed from clock.now(), so a drifting or reset wall clock is caught up with at the next tick or `arm()`.
 */
export class ClockAlignedTimer {
  private handle: TimerHandle | undefined;

  constructor(
    private readonly clock: ClockPort,
    private readonly intervalS: () => number,
    private readonly onTick: (instant: Date) => void,
  ) {}

  /** (Re)arms from now with the current interval; cancels a pending tick first. */
  arm(): void {
    this.schedule(this.clock.now());
  }

  /** Stops ticking until the next `arm()`. */
  cancel(): void {
    this.handle?.cancel();
    this.handle = undefined;
  }

  private schedule(after: Date): void {
    this.cancel();
    const intervalS = this.intervalS();
    if (!Number.isFinite(intervalS) || intervalS <= 0) return;
    const due = nextClockAlignedInstant(after, intervalS);
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      // A timer that fires a little before the wall clock reaches `due` must not produce the same instant again.
      const now = this.clock.now();
      this.schedule(now.getTime() > due.getTime() ? now : due);
      this.onTick(due);
    }, due.getTime() - this.clock.now().getTime());
  }
}
