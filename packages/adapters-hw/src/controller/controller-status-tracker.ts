import type { ChargeControllerEvent, ChargeControllerFault, ChargeControllerStatus } from '@evstation/core';

/** The status of a controller that has not been heard from yet. */
export const INITIAL_CONTROLLER_STATUS: ChargeControllerStatus = {
  cp: 'A',
  pwmDutyPercent: null,
  offeredCurrentA: 0,
  relayClosed: false,
  energyAllowed: false,
  available: true,
  cableRatingA: null,
  activeFaults: [],
  linkUp: false,
};

/**
 * Holds a controller's status and turns every change into ChargeControllerEvents (link, cp, pp, relay, faults, in
 * that order), so each adapter only states what it now knows.
 */
export class ControllerStatusTracker {
  private current: ChargeControllerStatus;
  private readonly listeners = new Set<(event: ChargeControllerEvent) => void>();

  constructor(initial: ChargeControllerStatus = INITIAL_CONTROLLER_STATUS) {
    this.current = { ...initial, activeFaults: [...initial.activeFaults] };
  }

  status(): ChargeControllerStatus {
    return { ...this.current, activeFaults: [...this.current.activeFaults] };
  }

  onEvent(listener: (event: ChargeControllerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Merges what changed and tells the listeners. */
  update(next: Partial<ChargeControllerStatus>): void {
    const before = this.current;
    const after: ChargeControllerStatus = { ...before, ...next, activeFaults: [...new Set(next.activeFaults ?? before.activeFaults)] };
    this.current = after;
    const events: ChargeControllerEvent[] = [];
    if (after.linkUp !== before.linkUp) events.push({ kind: 'link', up: after.linkUp });
    if (after.cp !== before.cp) events.push({ kind: 'cp', state: after.cp, previous: before.cp });
    if (after.cableRatingA !== before.cableRatingA) events.push({ kind: 'pp', cableRatingA: after.cableRatingA });
    if (after.relayClosed !== before.relayClosed) events.push({ kind: 'relay', closed: after.relayClosed });
    const had = new Set<ChargeControllerFault>(before.activeFaults);
    const has = new Set<ChargeControllerFault>(after.activeFaults);
    for (const fault of has) if (!had.has(fault)) events.push({ kind: 'fault', fault, active: true });
    for (const fault of had) if (!has.has(fault)) events.push({ kind: 'fault', fault, active: false });
    for (const event of events) for (const listener of [...this.listeners]) listener(event);
  }
}
