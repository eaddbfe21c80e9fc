import type { FakeClock } from '@evstation/core';
import { waitUntil } from './ocpp-frames.js';
import type { StrictCsms } from './strict-csms.js';

/** CALLs in the CSMS ledger (either direction) that have no CALLRESULT or CALLERROR yet. */
export function unansweredCalls(csms: StrictCsms): number {
  const open = new Set<string>();
  for (const entry of csms.ledger) {
    const frame = entry.frame;
    if (!Array.isArray(frame) || typeof frame[1] !== 'string') continue;
    // A CALL's answer travels the other way: key by who sent the CALL.
    if (frame[0] === 2) open.add(`${entry.identity}|${String(entry.outbound)}|${frame[1]}`);
    else if (frame[0] === 3 || frame[0] === 4) open.delete(`${entry.identity}|${String(!entry.outbound)}|${frame[1]}`);
  }
  return open.size;
}

/** A few turns of the event loop, so frames already written reach the other side. */
async function ioTurns(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Waits until at most `stuck` CALLs are unanswered (the ones a case leaves unanswered on purpose) and the answers have
 * had time to reach the station: a FakeClock must not move while an answer is on the wire, or the station's
 * MessageTimeout (on the same clock) would fire for a CALL the CSMS did answer.
 */
export async function settled(csms: StrictCsms, stuck = 0): Promise<void> {
  await ioTurns();
  await waitUntil(() => unansweredCalls(csms) <= stuck, `at most ${stuck} unanswered CALL(s)`);
  await ioTurns();
}

/** Moves the fake clock forward by `ms`, timer by timer, letting the link settle after each (what a real clock would do, without sleeping). */
export async function advance(clock: FakeClock, csms: StrictCsms, ms: number, stuck = 0): Promise<void> {
  let remaining = ms;
  await settled(csms, stuck);
  for (;;) {
    const next = clock.msUntilNextTimer();
    if (next === undefined || next > remaining) {
      await clock.advance(remaining);
      await settled(csms, stuck);
      return;
    }
    await clock.advance(next);
    remaining -= next;
    await settled(csms, stuck);
  }
}
