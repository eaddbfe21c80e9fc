import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StationStores } from '@evstation/core';
import type { StoreContractHarness } from '@evstation/core/testing';
import { afterEach, beforeEach } from 'vitest';
import { openSqliteStationStores } from '../open-sqlite-station-stores.js';

/** A private folder under the OS temp dir for one test's database files; `dispose` deletes it with everything in it. */
export class TempFolder {
  readonly dir = mkdtempSync(join(tmpdir(), 'evstation-storage-'));

  /** A path inside the folder. */
  path(name: string): string {
    return join(this.dir, name);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A fresh TempFolder for each test of the calling file or describe block, deleted after the test (tests only). */
export function useTempFolder(): Pick<TempFolder, 'path'> {
  let folder: TempFolder | undefined;
  beforeEach(() => {
    folder = new TempFolder();
  });
  afterEach(() => folder?.dispose());
  return {
    path: (name) => {
      if (folder === undefined) throw new Error('useTempFolder: the folder exists only while a test runs');
      return folder.path(name);
    },
  };
}

/** Contract harness over a real database file: `reopen` closes it and opens the same file again, `dispose` deletes it. */
export function sqliteFileHarness(): StoreContractHarness<StationStores> {
  const folder = new TempFolder();
  const file = folder.path('station.db');
  let stores = openSqliteStationStores(file);
  return {
    store: stores,
    reopen: () => {
      stores.close();
      stores = openSqliteStationStores(file);
      return stores;
    },
    dispose: () => {
      stores.close();
      folder.dispose();
    },
  };
}
