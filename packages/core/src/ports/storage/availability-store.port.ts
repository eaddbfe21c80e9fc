import type { OperationalStatusEnumType } from '../../messages/index.js';

/** What ChangeAvailability addressed: the station (no evseId), an EVSE, or one connector of an EVSE. */
export interface AvailabilityScope {
  evseId?: number;
  connectorId?: number;
}

/** One persisted operational status (G03/G04: survives restarts). */
export interface AvailabilityRecord {
  scope: AvailabilityScope;
  status: OperationalStatusEnumType;
}

/** Persistence of the operational status set by ChangeAvailability for station, EVSEs and connectors. */
export interface AvailabilityStorePort {
  /** Every stored status. */
  loadAll(): AvailabilityRecord[];
  /** The stored status of one scope, or undefined (= Operative). */
  get(scope: AvailabilityScope): OperationalStatusEnumType | undefined;
  /** Stores the status of one scope, durably. */
  set(scope: AvailabilityScope, status: OperationalStatusEnumType): void;
}
