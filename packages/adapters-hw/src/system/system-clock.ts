import type { ClockPort, TimerHandle } from '@evstation/core';

/** The host's real clock: wall time from Date, monotonic time from performance.now(), timers from Node. */
export class SystemClock implements ClockPort {
  now(): Date {
    return new Date();
  }

  monotonicMs(): number {
    return performance.now();
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    // Node caps timers at 2^31-1 ms; longer waits (e.g. a day-long heartbeat) are chained.
    const maxDelay = 2_147_483_647;
    let handle: NodeJS.Timeout;
    const arm = (remaining: number): void => {
      const step = Math.min(Math.max(0, remaining), maxDelay);
      handle = setTimeout(() => (remaining > maxDelay ? arm(remaining - maxDelay) : callback()), step);
    };
    arm(delayMs);
    return { cancel: () => clearTimeout(handle) };
  }
}
