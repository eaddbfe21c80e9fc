import type { RetryBackOff } from '@evstation/core';

/**
 * Wait before reconnection attempt `attempt` (0 = the first after a failure or a lost connection), Part 4 §5.3:
 * RetryBackOffWaitMinimum doubled once per attempt up to RetryBackOffRepeatTimes times, then constant, plus a new
 * random 0..RetryBackOffRandomRange each attempt. `random` returns a number in [0, 1).
 */
export function backOffDelayMs(attempt: number, retryBackOff: RetryBackOff, random: () => number): number {
  const doublings = Math.min(Math.max(0, Math.floor(attempt)), Math.max(0, retryBackOff.repeatTimes));
  const baseMs = retryBackOff.waitMinimumSeconds * 1000 * 2 ** doublings;
  const jitterMs = Math.min(Math.max(random(), 0), 1) * retryBackOff.randomRangeSeconds * 1000;
  return Math.floor(baseMs + jitterMs);
}
