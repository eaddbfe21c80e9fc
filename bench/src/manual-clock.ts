import type { ClockPort, TimerHandle } from '@evstation/core';

interface Timer {
  dueMs: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/** Lets every queued promise callback run (one macrotask turn drains the whole microtask queue). */
function drain(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A ClockPort moved by hand for benchmarks (the core's FakeClock lives in @evstation/core/testing, which loads vitest):
 * timers in a binary heap so thousands of simulated EVSEs do not make the clock itself the cost being measured.
 */
export class ManualClock implements ClockPort {
  private monotonic = 0;
  private seq = 0;
  private readonly heap: Timer[] = [];
  private readonly wallStartMs = Date.parse('2026-01-01T00:00:00.000Z');

  now(): Date {
    return new Date(this.wallStartMs + this.monotonic);
  }

  monotonicMs(): number {
    return this.monotonic;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer: Timer = { dueMs: this.monotonic + Math.max(0, delayMs), seq: this.seq++, callback, cancelled: false };
    this.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Moves time by `ms`, firing due timers in order; the promise chains they start finish before the next instant. */
  async advance(ms: number): Promise<void> {
    const target = this.monotonic + ms;
    await drain();
    for (;;) {
      const next = this.heap[0];
      if (next === undefined || next.dueMs > target) break;
      this.monotonic = Math.max(this.monotonic, next.dueMs);
      // Everything due at this instant fires, then the chains it started run to the end.
      while (this.heap[0] !== undefined && this.heap[0].dueMs <= this.monotonic) {
        const timer = this.pop();
        if (timer !== undefined && !timer.cancelled) timer.callback();
      }
      await drain();
    }
    this.monotonic = target;
    await drain();
  }

  private before(a: Timer, b: Timer): boolean {
    return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq);
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const [child, up] = [heap[i], heap[parent]];
      if (child === undefined || up === undefined || !this.before(child, up)) break;
      [heap[i], heap[parent]] = [up, child];
      i = parent;
    }
  }

  private pop(): Timer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let best = i;
      const at = (k: number): Timer | undefined => heap[k];
      const lt = at(l);
      const rt = at(r);
      const bt = (): Timer | undefined => at(best);
      if (lt !== undefined && this.before(lt, bt() ?? lt)) best = l;
      if (rt !== undefined && this.before(rt, bt() ?? rt)) best = r;
      if (best === i) break;
      const [a, b] = [heap[i], heap[best]];
      if (a === undefined || b === undefined) break;
      [heap[i], heap[best]] = [b, a];
      i = best;
    }
    return top;
  }
}
