import type { DownloadedArtifact, FirmwareStateStorePort, FirmwareStatusEnumType, FirmwareUpdateRecord, UpdateFirmwareRequest } from '@evstation/core';
import type { SqliteContext } from './sqlite-context.js';
import { guarded } from './sqlite-errors.js';

interface UpdateRow {
  request: string;
  status: string;
  artifact: string | null;
  updated_at: string;
}

/** The firmware update in progress on SQLite (L01): one row, replaced on every save, so it survives the install reboot. */
export class SqliteFirmwareStateStore implements FirmwareStateStorePort {
  private readonly selectOne;
  private readonly upsert;
  private readonly deleteAll;

  constructor(private readonly context: SqliteContext) {
    const { db } = context;
    this.selectOne = db.prepare<[], UpdateRow>('SELECT request, status, artifact, updated_at FROM firmware_update WHERE id = 1');
    this.upsert = db.prepare<{ request_id: number; request: string; status: string; artifact: string | null; updated_at: string }>(
      `INSERT INTO firmware_update (id, request_id, request, status, artifact, updated_at) VALUES (1, @request_id, @request, @status, @artifact, @updated_at)
       ON CONFLICT (id) DO UPDATE SET request_id = excluded.request_id, request = excluded.request, status = excluded.status,
         artifact = excluded.artifact, updated_at = excluded.updated_at`,
    );
    this.deleteAll = db.prepare('DELETE FROM firmware_update');
  }

  load(): FirmwareUpdateRecord | undefined {
    const row = guarded(this.context.file, 'loading the firmware update', () => this.selectOne.get());
    if (row === undefined) return undefined;
    return {
      request: JSON.parse(row.request) as UpdateFirmwareRequest,
      status: row.status as FirmwareStatusEnumType,
      ...(row.artifact === null ? {} : { artifact: JSON.parse(row.artifact) as DownloadedArtifact }),
      updatedAt: row.updated_at,
    };
  }

  save(record: FirmwareUpdateRecord): void {
    guarded(this.context.file, 'storing the firmware update', () =>
      this.upsert.run({
        request_id: record.request.requestId,
        request: JSON.stringify(record.request),
        status: record.status,
        artifact: record.artifact === undefined ? null : JSON.stringify(record.artifact),
        updated_at: record.updatedAt,
      }),
    );
  }

  clear(): void {
    guarded(this.context.file, 'clearing the firmware update', () => this.deleteAll.run());
  }
}
