import type { CableRatingA, ChargeControllerCapabilities } from '../ports/charge-controller.port.js';

/** Why the station holds energy back on an EVSE (for logs and the SuspendedEVSE state). */
export type EnergyHold = 'inoperative' | 'faulted' | 'lock-failed' | 'stopped' | 'paused' | 'unlock-requested' | 'no-current';

/** The station-side facts energy depends on. */
export interface EnergyFacts {
  connected: boolean;
  authorized: boolean;
  /** The lock confirmed locked, or the connector has no lock (tethered cable). */
  locked: boolean;
  operative: boolean;
  faulted: boolean;
  lockFailed: boolean;
  /** stopTransaction was called and no new authorization came since. */
  stopped: boolean;
  /** pauseCharging was called and no new authorization came since. */
  paused: boolean;
  /** The connector is to be unlocked (UnlockConnector, stop, unplug): it must not be locked again for energy. */
  releasing: boolean;
  /** The current the EVSE may offer now (effectiveLimitA); 0 = none. */
  limitA: number;
}

/** The first reason the station holds energy back, or undefined when nothing does (G03, G05, E05, E06, F03). */
export function energyHold(facts: EnergyFacts): EnergyHold | undefined {
  if (!facts.operative) return 'inoperative';
  if (facts.faulted) return 'faulted';
  if (facts.lockFailed) return 'lock-failed';
  if (facts.stopped) return 'stopped';
  if (facts.paused) return 'paused';
  if (facts.releasing) return 'unlock-requested';
  if (facts.limitA <= 0) return 'no-current';
  return undefined;
}

/**
 * G05.FR.01 and issue 5 §3: the contactor may close only when an EV is connected, the EVSE is authorized, the
 * connector is locked, and nothing holds energy back (operative, no fault, not stopped or paused, a current to offer).
 */
export function mayAllowEnergy(facts: EnergyFacts): boolean {
  return facts.connected && facts.authorized && facts.locked && energyHold(facts) === undefined;
}

/** What bounds the current an EVSE offers. */
export interface LimitFacts {
  /** The installation's maximum for this EVSE (options). */
  configuredMaxA: number;
  capabilities: Pick<ChargeControllerCapabilities, 'minCurrentA' | 'maxCurrentA'>;
  /** The plugged cable's PP rating; null when tethered or unknown. */
  cableRatingA: CableRatingA | null;
  /** A limit set from outside (the composite schedule, once smart charging lands); undefined = none. */
  externalLimitA?: number | undefined;
}

/**
 * The current to offer: min(configured, controller maximum, cable rating, external limit); 0 when that is below the
 * controller's minimum (IEC 61851-1 cannot signal less than 6 A, so the EVSE pauses instead).
 */
export function effectiveLimitA(facts: LimitFacts): number {
  const limit = Math.min(facts.configuredMaxA, facts.capabilities.maxCurrentA, facts.cableRatingA ?? Infinity, facts.externalLimitA ?? Infinity);
  return Number.isFinite(limit) && limit >= facts.capabilities.minCurrentA ? limit : 0;
}
