import type { ClockPort, TimerHandle } from '../../ports/clock.port.js';

/**
 * J02: fires `onTick` every interval seconds counted from an anchor on the monotonic clock (the transaction start),
 * with the interval read at each arming (0 or less: off). Ticks do not drift: the k-th is due at anchor + k × interval.
 */
export class PeriodicTimer {
  private handle: TimerHandle | undefined;

  constructor(
    private readonly clock: ClockPort,
    private readonly anchorMs: number,
    private readonly intervalS: () => number,
    private readonly onTick: () => void,
  ) {}

  /** (Re)arms for the next multiple of the current interval after now; cancels a pending tick first. */
  arm(): void {
    this.schedule(this.clock.monotonicMs());
  }

  /** Stops ticking until the next `arm()`. */
  cancel(): void {
    this.handle?.cancel();
    this.handle = undefined;
  }

  private schedule(afterMs: number): void {
    this.cancel();
    const intervalMs = this.intervalS() * 1000;
    if (!Number.isFinite(intervalMs) || intervalMs <= 0) return;
    const due = this.anchorMs + (Math.floor(Math.max(0, afterMs - this.anchorMs) / intervalMs) + 1) * intervalMs;
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      // A timer that fires a little early must not produce the same tick again.
      this.schedule(Math.max(this.clock.monotonicMs(), due));
      this.onTick();
    }, due - this.clock.monotonicMs());
  }
}
