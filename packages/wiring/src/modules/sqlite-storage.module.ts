import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openSqliteStationStores } from '@evstation/adapters-storage';
import type { LoggerPort } from '@evstation/core';
import { ContainerModule } from 'inversify';
import type { StationStoresFactory } from '../station-host-deps.js';
import { TOKENS } from '../tokens.js';

/**
 * SQLite storage (DESIGN 4): one database file per station, opened at every boot (its folder is created when
 * missing); `:memory:` gives a SQLite database that lives as long as one boot.
 */
export function sqliteStorageModule(options: { path: string }): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.StoresFactory).toResolvedValue(
      (logger: LoggerPort): StationStoresFactory =>
        () => {
          if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
          return openSqliteStationStores(options.path, { logger });
        },
      [TOKENS.Logger],
    ).inSingletonScope();
  });
}
