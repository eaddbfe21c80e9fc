import type { ConnectorStatusEnumType } from '../../messages/index.js';

/** The facts that decide a connector's status (G01). */
export interface ConnectorFacts {
  /** A cable is plugged in / a session is active (onSessionStarted until onSessionFinished). */
  occupied: boolean;
  /** A reservation holds the connector (H). */
  reserved: boolean;
  /** The station reported a fault (onFaulted until onFaultCleared). */
  faulted: boolean;
  /** The effective operational status, from ChangeAvailability at station, EVSE and connector level. */
  operative: boolean;
}

/**
 * G01: the connector status with the spec's precedence: Faulted over Unavailable over Occupied over Reserved
 * over Available (a fault hides everything; an Inoperative connector that is still plugged in is Unavailable).
 */
export function connectorStatus(facts: ConnectorFacts): ConnectorStatusEnumType {
  if (facts.faulted) return 'Faulted';
  if (!facts.operative) return 'Unavailable';
  if (facts.occupied) return 'Occupied';
  if (facts.reserved) return 'Reserved';
  return 'Available';
}
