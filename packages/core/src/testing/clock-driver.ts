import type { FakeClock } from './fake-clock.js';

/** Lets queued promise callbacks run (async work that waits on promises, not on the clock) for `rounds` turns. */
export async function flushMicrotasks(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
}

/**
 * Fires the fake clock's timers one by one until `operation` settles, and returns its outcome. Throws when the
 * operation still waits although no timer is left (it waits on something other than the clock).
 */
export async function runUntilSettled<T>(clock: FakeClock, operation: Promise<T>, maxTimers = 10_000): Promise<T> {
  let settled = false;
  const observed = operation.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let fired = 0; fired <= maxTimers; fired += 1) {
    await flushMicrotasks();
    if (settled) break;
    if ((await clock.runNext()) === undefined) {
      await flushMicrotasks();
      if (!settled) throw new Error('runUntilSettled: the operation is still pending and no timer is left');
    }
  }
  await observed;
  return operation;
}

/** Fires every timer due now or later until none is left (for code that has no periodic timers). */
export async function runAllTimers(clock: FakeClock, maxTimers = 10_000): Promise<void> {
  for (let fired = 0; fired < maxTimers; fired += 1) {
    await flushMicrotasks();
    if ((await clock.runNext()) === undefined) return;
  }
  throw new Error(`runAllTimers: still firing after ${maxTimers} timers (a periodic timer?)`);
}
