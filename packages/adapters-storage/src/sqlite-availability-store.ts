import {
  availabilityScopeKey,
  type AvailabilityRecord,
  type AvailabilityScope,
  type AvailabilityStorePort,
  type OperationalStatusEnumType,
} from '@evstation/core';
import type { SqliteContext } from './sqlite-context.js';
import { guarded } from './sqlite-errors.js';

interface AvailabilityRow {
  evse_id: number | null;
  connector_id: number | null;
  status: string;
}

function toScope(row: AvailabilityRow): AvailabilityScope {
  return { ...(row.evse_id === null ? {} : { evseId: row.evse_id }), ...(row.connector_id === null ? {} : { connectorId: row.connector_id }) };
}

/** Availability store on SQLite (G03/G04): the ChangeAvailability status of station, EVSEs and connectors, durable. */
export class SqliteAvailabilityStore implements AvailabilityStorePort {
  private readonly selectAll;
  private readonly selectOne;
  private readonly upsert;

  constructor(private readonly context: SqliteContext) {
    const { db } = context;
    // Station first, then each EVSE before its connectors (NULLs sort first in SQLite), as the in-memory store lists them.
    this.selectAll = db.prepare<[], AvailabilityRow>('SELECT evse_id, connector_id, status FROM availability ORDER BY evse_id, connector_id');
    this.selectOne = db.prepare<[string], string>('SELECT status FROM availability WHERE scope = ?').pluck();
    this.upsert = db.prepare<{ scope: string; evse_id: number | null; connector_id: number | null; status: string }>(
      `INSERT INTO availability (scope, evse_id, connector_id, status) VALUES (@scope, @evse_id, @connector_id, @status)
       ON CONFLICT (scope) DO UPDATE SET status = excluded.status`,
    );
  }

  loadAll(): AvailabilityRecord[] {
    return guarded(this.context.file, 'loading availability', () =>
      this.selectAll.all().map((row) => ({ scope: toScope(row), status: row.status as OperationalStatusEnumType })),
    );
  }

  get(scope: AvailabilityScope): OperationalStatusEnumType | undefined {
    return guarded(this.context.file, 'reading availability', () => this.selectOne.get(availabilityScopeKey(scope)) as OperationalStatusEnumType | undefined);
  }

  set(scope: AvailabilityScope, status: OperationalStatusEnumType): void {
    guarded(this.context.file, 'storing availability', () =>
      this.upsert.run({ scope: availabilityScopeKey(scope), evse_id: scope.evseId ?? null, connector_id: scope.connectorId ?? null, status }),
    );
  }
}
