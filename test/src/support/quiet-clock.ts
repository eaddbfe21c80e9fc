import type { FakeClock, FrameRecord } from '@evstation/core';

/** One turn of the event loop: lets socket reads and writes happen between two steps of a fake clock. */
function ioTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * CALLs a case leaves unanswered on purpose while time passes: the station's (a CSMS that never answers one, E13) or
 * the CSMS's (ones the station answers only after time passes, e.g. an UnlockConnector driving a lock).
 */
export interface Unanswered {
  station?: number;
  csms?: number;
}

/**
 * Watches a station's own frame log (the ChargePoint's `ocppMessages` callback; every harness station has one as
 * `frames`) and knows which CALLs are still unanswered in either direction. A case on a FakeClock must not move time
 * while a CALL is in flight: the station's MessageTimeout runs on the same clock, and the answer travels over a real
 * socket the fake clock does not wait for.
 */
export class FrameWatch {
  private readonly stationCalls = new Set<string>();
  private readonly csmsCalls = new Set<string>();

  /** Pass as `callbacks.ocppMessages`. */
  readonly record = (record: FrameRecord): void => {
    let frame: unknown;
    try {
      frame = JSON.parse(record.text);
    } catch {
      return;
    }
    if (!Array.isArray(frame) || typeof frame[1] !== 'string') return;
    const [type, id] = frame as [unknown, string];
    const mine = record.direction === 'out';
    if (type === 2) (mine ? this.stationCalls : this.csmsCalls).add(id);
    else if (type === 3 || type === 4) (mine ? this.csmsCalls : this.stationCalls).delete(id);
  };

  /** No CALL waits for its answer, in either direction. */
  get quiet(): boolean {
    return this.quietBut({});
  }

  /** At most the `unanswered` CALLs wait for their answer. */
  quietBut(unanswered: Unanswered): boolean {
    return this.stationCalls.size <= (unanswered.station ?? 0) && this.csmsCalls.size <= (unanswered.csms ?? 0);
  }

  /** Forgets CALLs that a lost connection will never answer (after the CSMS dropped the station). */
  forget(): void {
    this.stationCalls.clear();
    this.csmsCalls.clear();
  }

  /** Resolves once the link has stayed quiet (but for `unanswered`) over a few event-loop turns; fails after `timeoutMs` of real time. */
  async settled(unanswered: Unanswered = {}, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietTurns = 0;
    while (quietTurns < 3) {
      if (Date.now() > deadline) throw new Error(`The station link did not go quiet within ${timeoutMs} ms`);
      await ioTurn();
      quietTurns = this.quietBut(unanswered) ? quietTurns + 1 : 0;
    }
  }
}

/**
 * Moves a FakeClock forward by `ms`, one due timer at a time, and after each lets the station's CALLs be answered
 * before time moves on. What a real clock would do, without sleeping. `unanswered`: CALLs the case leaves waiting on
 * purpose while time passes.
 */
export async function advanceQuietly(clock: FakeClock, watch: FrameWatch, ms: number, unanswered: Unanswered = {}): Promise<void> {
  let remaining = ms;
  await watch.settled(unanswered);
  for (;;) {
    const next = clock.msUntilNextTimer();
    if (next === undefined || next > remaining) {
      await clock.advance(remaining);
      await watch.settled(unanswered);
      return;
    }
    await clock.advance(next);
    remaining -= next;
    await watch.settled(unanswered);
  }
}
