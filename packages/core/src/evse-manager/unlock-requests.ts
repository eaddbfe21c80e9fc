import type { ClockPort, TimerHandle } from '../ports/clock.port.js';

/** How an UnlockConnector request is answered. */
export type UnlockAnswer = (status: 'Unlocked' | 'UnlockFailed') => void;

/** What UnlockRequests needs. */
export interface UnlockRequestsDeps {
  clock: ClockPort;
  /** How long a request waits for the contactor to open before it answers UnlockFailed. */
  waitMs: number;
  onTimeout: () => void;
}

/**
 * F05: UnlockConnector requests waiting for the lock to be driven. Each answers once: with the lock's result, or
 * UnlockFailed when the contactor stays closed past `waitMs` (the CSMS must not wait for ever on a welded relay).
 */
export class UnlockRequests {
  private waiting: { answer: UnlockAnswer; timer: TimerHandle }[] = [];

  constructor(private readonly deps: UnlockRequestsDeps) {}

  /** A new request; resolves with its answer. */
  add(): Promise<'Unlocked' | 'UnlockFailed'> {
    return new Promise((resolve) => {
      const entry = {
        answer: resolve,
        timer: this.deps.clock.setTimeout(() => {
          this.waiting = this.waiting.filter((e) => e !== entry);
          this.deps.onTimeout();
          resolve('UnlockFailed');
        }, this.deps.waitMs),
      };
      this.waiting.push(entry);
    });
  }

  pending(): boolean {
    return this.waiting.length > 0;
  }

  /** Takes every waiting request (the lock is being driven now): their timeouts stop and the caller answers them. */
  take(): UnlockAnswer[] {
    const taken = this.waiting.splice(0);
    for (const entry of taken) entry.timer.cancel();
    return taken.map((entry) => entry.answer);
  }

  /** Answers every waiting request at once (the manager stops). */
  settleAll(status: 'Unlocked' | 'UnlockFailed'): void {
    for (const answer of this.take()) answer(status);
  }
}
