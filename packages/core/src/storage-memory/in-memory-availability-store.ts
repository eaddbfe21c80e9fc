import type { OperationalStatusEnumType } from '../messages/index.js';
import type { AvailabilityRecord, AvailabilityScope, AvailabilityStorePort } from '../ports/storage/availability-store.port.js';
import { availabilityScopeKey, compareAvailabilityScopes } from './availability-scope-key.js';
import { cloneData } from './store-keys.js';

/** Availability store in memory (G03/G04): for simulators and tests; passes the same contract suite as the SQLite store. */
export class InMemoryAvailabilityStore implements AvailabilityStorePort {
  private readonly records = new Map<string, AvailabilityRecord>();

  loadAll(): AvailabilityRecord[] {
    return [...this.records.values()].sort((a, b) => compareAvailabilityScopes(a.scope, b.scope)).map(cloneData);
  }

  get(scope: AvailabilityScope): OperationalStatusEnumType | undefined {
    return this.records.get(availabilityScopeKey(scope))?.status;
  }

  set(scope: AvailabilityScope, status: OperationalStatusEnumType): void {
    this.records.set(availabilityScopeKey(scope), { scope: cloneData(scope), status });
  }
}
