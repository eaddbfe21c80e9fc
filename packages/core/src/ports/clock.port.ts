/** A scheduled callback that can be cancelled. */
export interface TimerHandle {
  /** Cancels the callback; cancelling twice or after it ran does nothing. */
  cancel(): void;
}

/**
 * Time as core sees it (DESIGN rule 5): every timer goes through this port so tests can drive a fake clock.
 */
export interface ClockPort {
  /** Wall-clock time, used for OCPP timestamps. */
  now(): Date;
  /** Monotonic milliseconds, used for durations; never jumps backwards when the wall clock is set. */
  monotonicMs(): number;
  /** Runs `callback` once after `delayMs` milliseconds of this clock. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
}
