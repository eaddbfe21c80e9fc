/** Timing of a motor or solenoid connector lock (hardware.md 6.1); all configurable. */
export interface LockTiming {
  /** How long one drive pulse lasts; must exceed the worst-case motor travel. */
  pulseMs: number;
  /** Wait after the pulse before reading the feedback. */
  settleMs: number;
  /** Extra pulses after the first when the feedback disagrees. */
  retries: number;
  /** Pause between a failed attempt and the next pulse. */
  retryPauseMs: number;
  /** A feedback change with no command running is trusted only if it lasts this long. */
  debounceMs: number;
}

/** Defaults from hardware.md 6.1: 600 ms pulse, 200 ms settle, up to 2 retries with a short pause. */
export const DEFAULT_LOCK_TIMING: LockTiming = { pulseMs: 600, settleMs: 200, retries: 2, retryPauseMs: 500, debounceMs: 50 };
