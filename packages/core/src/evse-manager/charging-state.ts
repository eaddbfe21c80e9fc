import type { ChargingStateEnumType } from '../messages/index.js';
import type { CpState } from '../ports/charge-controller.port.js';

/** What the charging state of one EVSE is derived from. */
export interface ChargingStateFacts {
  /** An EV is plugged in (pilot B, C or D seen since the last A). */
  connected: boolean;
  /** An accepted token or a remote start authorizes the EVSE. */
  authorized: boolean;
  cp: CpState;
  relayClosed: boolean;
  /** The station holds energy back on purpose (paused, stopped, inoperative, faulted, lock failure, no current). */
  heldByStation: boolean;
  /** The controller has permission to close the contactor and a current is offered on the pilot. */
  energyOffered: boolean;
}

/**
 * E01-E06 chargingState from the hardware: contactor closed with the EV asking (C/D) is Charging; authorized but the
 * EV resting in B is SuspendedEV; held back by the station is SuspendedEVSE; plugged but not (yet) offered energy is
 * EVConnected; nothing plugged is Idle.
 */
export function chargingStateOf(facts: ChargingStateFacts): ChargingStateEnumType {
  if (!facts.connected) return 'Idle';
  if (facts.relayClosed && (facts.cp === 'C' || facts.cp === 'D')) return 'Charging';
  if (!facts.authorized) return 'EVConnected';
  if (facts.heldByStation) return 'SuspendedEVSE';
  // Authorized but the lock is still moving: nothing has been offered yet, so the EV is merely connected.
  if (!facts.energyOffered) return 'EVConnected';
  if (facts.cp === 'B') return 'SuspendedEV';
  // The EV asks and energy is permitted, but the contactor is still open: the EVSE is not delivering.
  return 'SuspendedEVSE';
}
