import type { LoggerPort, StationStores } from '@evstation/core';
import { openStationDatabase } from './open-station-database.js';
import { SqliteAuthCacheStore } from './sqlite-auth-cache-store.js';
import { SqliteAvailabilityStore } from './sqlite-availability-store.js';
import { SqliteDeviceModelStore } from './sqlite-device-model-store.js';
import { guarded } from './sqlite-errors.js';
import { SqliteFirmwareStateStore } from './sqlite-firmware-state-store.js';
import { SqliteMessageQueueStore } from './sqlite-message-queue-store.js';
import { SqliteNetworkProfileStore } from './sqlite-network-profile-store.js';
import { SqliteSecurityLogStore } from './sqlite-security-log-store.js';
import { SqliteTransactionStore } from './sqlite-transaction-store.js';

/** Options of {@link openSqliteStationStores}. */
export interface SqliteStationStoresOptions {
  /** Receives the open and migration lines. */
  logger?: LoggerPort;
}

/**
 * Opens one station's SQLite database (a file, or `:memory:`) and every store over it (DESIGN §4). Throws a StoreError
 * naming the file when it cannot be opened, is corrupt or comes from a newer version; it never starts empty over one.
 */
export function openSqliteStationStores(path: string, options: SqliteStationStoresOptions = {}): StationStores {
  const context = openStationDatabase(path, options);
  try {
    return guarded(context.file, 'preparing statements', () => ({
      deviceModel: new SqliteDeviceModelStore(context),
      availability: new SqliteAvailabilityStore(context),
      messageQueue: new SqliteMessageQueueStore(context),
      securityLog: new SqliteSecurityLogStore(context),
      networkProfiles: new SqliteNetworkProfileStore(context),
      authCache: new SqliteAuthCacheStore(context),
      // Same connection as the message queue: a transaction's state commits with its queued event.
      transactions: new SqliteTransactionStore(context),
      firmware: new SqliteFirmwareStateStore(context),
      close: () => {
        if (context.db.open) guarded(context.file, 'closing', () => context.db.close());
      },
    }));
  } catch (error) {
    context.db.close();
    throw error;
  }
}
