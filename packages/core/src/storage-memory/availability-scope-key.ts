import type { AvailabilityScope } from '../ports/storage/availability-store.port.js';

/** A stable text key for an availability scope: station, one EVSE, or one connector of an EVSE are distinct (G03/G04). */
export function availabilityScopeKey(scope: AvailabilityScope): string {
  return JSON.stringify([scope.evseId ?? null, scope.connectorId ?? null]);
}

/** Station first, then EVSEs by id, each EVSE before its connectors: the order in which stores list scopes. */
export function compareAvailabilityScopes(a: AvailabilityScope, b: AvailabilityScope): number {
  return (a.evseId ?? -1) - (b.evseId ?? -1) || (a.connectorId ?? -1) - (b.connectorId ?? -1);
}
