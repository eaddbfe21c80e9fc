import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChargePoint, DeviceModel, silentLogger, type ChargePointOptions, type StationLayout } from '@evstation/core';
import { SystemClock } from '@evstation/adapters-hw';
import { openSqliteStationStores } from '@evstation/adapters-storage';
import { WsTransport } from '@evstation/adapters-transport';


/** The layout of the test harness: two EVSEs, one Type 2 connector each. */
const layout: StationLayout = {
  supplyPhases: 3,
  evses: [
    { id: 1, powerW: 22_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] },
    { id: 2, powerW: 22_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] },
  ],
};

/** A temp directory for one database file, removed by `dispose`. */
export function tempDatabase(): { path: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'evstation-bench-'));
  return { path: join(dir, 'station.db'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One boot, timed with performance.now(). */
export interface BootTiming {
  /** openSqliteStationStores (with migrations on a new file) + DeviceModel.load + new ChargePoint. */
  assembleMs: number;
  /** chargePoint.start() until the bootNotification callback sees Accepted. */
  startToAcceptedMs: number;
}

/** A station booted to Accepted. */
export interface BootedStation {
  chargePoint: ChargePoint;
  timing: BootTiming;
  /** Resolves once no OCPP frame went in or out for `quietMs` (the post-boot StatusNotifications etc. are done). */
  settled(quietMs?: number): Promise<void>;
  /** Stops the ChargePoint and closes the database. */
  stop(): Promise<void>;
}

/**
 * Assembles a full station the way test/src/support/station-harness.ts does (ChargePoint + DeviceModel +
 * WsTransport + SQLite stores on `dbPath`), starts it against `csmsUrl` and resolves once the BootNotification
 * is Accepted. Rejects if that takes longer than `timeoutMs`.
 */
export async function bootStation(
  csmsUrl: string,
  dbPath: string,
  identity: string,
  timeoutMs = 10_000,
  extras: { options?: Partial<ChargePointOptions>; values?: { component: { name: string }; variable: { name: string; instance?: string }; value: string }[] } = {},
): Promise<BootedStation> {
  const t0 = performance.now();
  const clock = new SystemClock();
  const logger = silentLogger;
  const stores = openSqliteStationStores(dbPath);
  const deviceModel = DeviceModel.load(
    { store: stores.deviceModel, logger, clock },
    {
      layout,
      values: [
        { component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, value: identity },
        { component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, value: '0' },
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'WebSocketPingInterval' }, value: '0' },
        ...(extras.values ?? []),
      ],
    },
  );
  let lastFrameAt = performance.now();
  let onAccepted: (() => void) | undefined;
  const chargePoint = new ChargePoint(
    { clock, logger, transport: new WsTransport({ clock, logger }), stores, deviceModel },
    {
      chargingStation: { model: 'BenchStation', vendorName: 'evstation', serialNumber: 'SN-BENCH-1', firmwareVersion: '0.1.0' },
      layout,
      defaultNetworkProfiles: [
        {
          configurationSlot: 1,
          profile: { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: csmsUrl, messageTimeout: 10, securityProfile: 0, ocppInterface: 'Wired0' },
        },
      ],
      ...extras.options,
    },
    {
      isResetAllowed: () => false,
      reset: () => undefined,
      bootNotification: (response) => {
        if (response.status === 'Accepted') onAccepted?.();
      },
      ocppMessages: () => {
        lastFrameAt = performance.now();
      },
    },
  );
  const stop = async (): Promise<void> => {
    await chargePoint.stop();
    stores.close();
  };

  const accepted = new Promise<number>((resolve) => (onAccepted = () => resolve(performance.now())));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`station ${identity} not Accepted within ${timeoutMs} ms (registration ${chargePoint.registrationStatus})`)), timeoutMs);
  });
  const tStart = performance.now();
  chargePoint.start();
  let tAccepted: number;
  try {
    tAccepted = await Promise.race([accepted, timeout]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }

  return {
    chargePoint,
    timing: { assembleMs: tStart - t0, startToAcceptedMs: tAccepted - tStart },
    settled: async (quietMs = 50) => {
      for (;;) {
        const idle = performance.now() - lastFrameAt;
        if (idle >= quietMs) return;
        await new Promise<void>((resolve) => setTimeout(resolve, quietMs - idle));
      }
    },
    stop,
  };
}
