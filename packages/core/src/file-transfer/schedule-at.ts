import type { ClockPort, TimerHandle } from '../ports/clock.port.js';

/** Longest single wait: Node's setTimeout overflows past ~24.8 days, and a wall clock set meanwhile must be noticed. */
const MAX_SLICE_MS = 60 * 60 * 1000;

/**
 * Runs `task` once the wall clock reaches `at` (L01 retrieveDateTime / installDateTime): at once when it already
 * passed, else through ClockPort timers of at most an hour each, re-reading the wall clock after each.
 */
export function scheduleAt(clock: ClockPort, at: Date, task: () => void): TimerHandle {
  let current: TimerHandle | undefined;
  let cancelled = false;
  const arm = (): void => {
    if (cancelled) return;
    const remaining = at.getTime() - clock.now().getTime();
    if (remaining <= 0) {
      current = undefined;
      task();
      return;
    }
    current = clock.setTimeout(arm, Math.min(remaining, MAX_SLICE_MS));
  };
  // A first tick of 0 ms keeps the task out of the caller's stack even when `at` has passed.
  current = clock.setTimeout(arm, 0);
  return {
    cancel: () => {
      cancelled = true;
      current?.cancel();
    },
  };
}
