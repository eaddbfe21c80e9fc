import type { ClockPort, TimerHandle } from '../ports/clock.port.js';

interface PendingTimer {
  id: number;
  dueMs: number;
  callback: () => void;
}

/** Lets queued promise callbacks run so code awaiting a timer continues before the next one fires. */
async function flushMicrotasks(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
}

/**
 * A clock driven by the test: time moves only through `advance`/`runNext`, and timers fire in due order.
 */
export class FakeClock implements ClockPort {
  private monotonic = 0;
  private wallOffsetMs: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];

  constructor(start: Date = new Date('2026-01-01T00:00:00.000Z')) {
    this.wallOffsetMs = start.getTime();
  }

  now(): Date {
    return new Date(this.wallOffsetMs + this.monotonic);
  }

  monotonicMs(): number {
    return this.monotonic;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer: PendingTimer = { id: this.nextId++, dueMs: this.monotonic + Math.max(0, delayMs), callback };
    this.timers.push(timer);
    return {
      cancel: () => {
        this.timers = this.timers.filter((t) => t !== timer);
      },
    };
  }

  /** Moves the wall clock without moving monotonic time (a clock set, not a passage of time). */
  setWallTime(date: Date): void {
    this.wallOffsetMs = date.getTime() - this.monotonic;
  }

  /** Number of timers waiting to fire. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /** Milliseconds until the next timer fires, or undefined when none is pending. */
  msUntilNextTimer(): number | undefined {
    const next = this.earliest();
    return next === undefined ? undefined : next.dueMs - this.monotonic;
  }

  /** Advances time by `ms`, firing every timer that falls due, in order, with microtasks flushed after each. */
  async advance(ms: number): Promise<void> {
    const target = this.monotonic + ms;
    for (;;) {
      const next = this.earliest();
      if (next === undefined || next.dueMs > target) break;
      this.fire(next);
      await flushMicrotasks();
    }
    this.monotonic = target;
    await flushMicrotasks();
  }

  /** Jumps to the next timer and fires it; returns the milliseconds advanced, or undefined when none was pending. */
  async runNext(): Promise<number | undefined> {
    const next = this.earliest();
    if (next === undefined) return undefined;
    const advanced = next.dueMs - this.monotonic;
    this.fire(next);
    await flushMicrotasks();
    return advanced;
  }

  private earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (best === undefined || t.dueMs < best.dueMs || (t.dueMs === best.dueMs && t.id < best.id)) best = t;
    }
    return best;
  }

  private fire(timer: PendingTimer): void {
    this.timers = this.timers.filter((t) => t !== timer);
    this.monotonic = Math.max(this.monotonic, timer.dueMs);
    timer.callback();
  }
}
