/** Where the manager believes the connector lock is; 'failed' stays until a new session or a new authorization. */
export type LockPhase = 'unknown' | 'unlocked' | 'locked' | 'failed';

/** What the lock of one EVSE should do next. */
export type LockAction = 'lock' | 'unlock' | 'wait-for-contactor' | 'none';

/** The facts the lock's next move depends on. */
export interface LockFacts {
  hasLock: boolean;
  phase: LockPhase;
  connected: boolean;
  /** Authorized, not stopped, operative and not faulted: a session is about to draw energy. */
  wantsEnergy: boolean;
  /** Lock as soon as the EV is plugged in, before authorization (the installation's choice). */
  lockOnPlugIn: boolean;
  /** The connector is to be released (stop, unplug at the station side, UnlockConnector): no new lock this session. */
  releasing: boolean;
  /** The release has not been attempted yet (one unlock attempt per release, so a stuck lock is not pulsed forever). */
  releasePending: boolean;
  /** An UnlockConnector request waits for an answer (it always drives the lock, to confirm by feedback). */
  unlockRequested: boolean;
  relayClosed: boolean;
}

/**
 * G05 and F05 rules of sequence (hardware.md 6.2): lock before energy once a session wants it (or at plug-in when
 * configured); unlock only with the contactor open, otherwise wait for it to open; a failed lock is not retried.
 */
export function lockAction(facts: LockFacts): LockAction {
  if (!facts.hasLock) return 'none';
  if (facts.unlockRequested || (facts.releasePending && facts.phase !== 'unlocked')) return facts.relayClosed ? 'wait-for-contactor' : 'unlock';
  if (facts.releasing || !facts.connected || facts.phase === 'locked' || facts.phase === 'failed') return 'none';
  return facts.wantsEnergy || facts.lockOnPlugIn ? 'lock' : 'none';
}

/**
 * E09/E10: which side of the cable was pulled when the pilot went back to A. A tethered cable can only be pulled at
 * the EV; with a socket, a PP rating still read means the plug is still in the station, so the EV side was pulled.
 */
export function unplugSide(tethered: boolean, cableRatingA: number | null): 'ev' | 'station' {
  return tethered || cableRatingA !== null ? 'ev' : 'station';
}
