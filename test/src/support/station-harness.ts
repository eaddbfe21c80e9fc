import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChargePoint, DeviceModel, type ChargePointCallbacks, type ChargePointDeps, type ChargePointOptions, type ClockPort, type ComponentDefinition, type ResetCommand, type StationLayout, type StationStores } from '@evstation/core';
import { MemoryLogger } from '@evstation/core/testing';
import { SystemClock } from '@evstation/adapters-hw';
import { openSqliteStationStores } from '@evstation/adapters-storage';
import { WsTransport } from '@evstation/adapters-transport';
import { stationCalls, waitForCalls, waitForNewClient } from './ocpp-frames.js';
import { FrameWatch } from './quiet-clock.js';
import type { CsmsClient, StrictCsms } from './strict-csms.js';

/** The layout the conformance cases use: two EVSEs, one Type 2 connector each. */
export const conformanceLayout: StationLayout = {
  supplyPhases: 3,
  evses: [
    { id: 1, powerW: 22_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] },
    { id: 2, powerW: 22_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] },
  ],
};

/** A temp directory for one test's database files, removed by `dispose`. */
export function tempDatabase(): { path: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'evstation-conformance-'));
  return { path: join(dir, 'station.db'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A running station: the real ChargePoint over WsTransport with SQLite stores on a file. */
export interface RunningStation {
  chargePoint: ChargePoint;
  deviceModel: DeviceModel;
  stores: StationStores;
  logger: MemoryLogger;
  resets: ResetCommand[];
  /** The station's own frame log, watched for unanswered CALLs (what `advanceQuietly` waits on). */
  frames: FrameWatch;
  /** Stops the station and closes its database (like a clean shutdown); again, it does nothing more. */
  stop(): Promise<void>;
}

/** Options for `startStation`. */
export interface StationOptions {
  csmsUrl: string;
  dbPath: string;
  identity?: string;
  callbacks?: Partial<ChargePointCallbacks>;
  values?: { component: { name: string }; variable: { name: string; instance?: string }; value: string }[];
  /** Variables the station defines beyond the standardized ones (e.g. AuthCtrlr.MasterPassGroupId, TxCtrlr.MaxEnergyOnInvalidId). */
  additions?: ComponentDefinition[];
  bootReason?: 'PowerUp' | 'RemoteReset';
  start?: boolean;
  /** Default: the system clock. A FakeClock lets a case drive timeouts and intervals (the sockets stay real). */
  clock?: ClockPort;
  /**
   * Security profile of the default network profile (default 0); 1 and 2 need `values` with SecurityCtrlr.BasicAuthPassword,
   * 2 and 3 a `wss://` csmsUrl and TLS material (`deps.certificates` or `options.tls`), 3 a station certificate in it.
   */
  securityProfile?: 0 | 1 | 2 | 3;
  /** Extra ChargePoint options (resumeTransactionsOnBoot, maxQueuedMessages...). */
  options?: Partial<ChargePointOptions>;
  /** Ports of the optional management blocks (certificates, fileTransfer, firmwareVerifier for L01/N01/M). */
  deps?: Partial<Pick<ChargePointDeps, 'certificates' | 'fileTransfer' | 'firmwareVerifier'>>;
  /** Default: a new MemoryLogger. A case that scans every log line across restarts passes its own. */
  logger?: MemoryLogger;
}

/** Builds and (by default) starts a station against `csmsUrl` with its database at `dbPath`. */
export function startStation(options: StationOptions): RunningStation {
  const clock = options.clock ?? new SystemClock();
  const logger = options.logger ?? new MemoryLogger();
  const stores = openSqliteStationStores(options.dbPath);
  const resets: ResetCommand[] = [];
  const frames = new FrameWatch();
  const ocppMessages = options.callbacks?.ocppMessages;
  const deviceModel = DeviceModel.load(
    { store: stores.deviceModel, logger, clock },
    {
      layout: conformanceLayout,
      values: [
        { component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, value: options.identity ?? 'CS-CONF-1' },
        { component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, value: String(options.securityProfile ?? 0) },
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'WebSocketPingInterval' }, value: '0' },
        ...(options.values ?? []),
      ],
      ...(options.additions === undefined ? {} : { additions: options.additions }),
    },
  );
  const chargePoint = new ChargePoint(
    { clock, logger, transport: new WsTransport({ clock, logger }), stores, deviceModel, ...options.deps },
    {
      chargingStation: { model: 'ConformanceSim', vendorName: 'evstation', serialNumber: 'SN-CONF-1', firmwareVersion: '0.1.0' },
      layout: conformanceLayout,
      defaultNetworkProfiles: [
        {
          configurationSlot: 1,
          profile: { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: options.csmsUrl, messageTimeout: 10, securityProfile: options.securityProfile ?? 0, ocppInterface: 'Wired0' },
        },
      ],
      ...options.options,
    },
    {
      isResetAllowed: () => true,
      reset: (r) => void resets.push(r),
      ...options.callbacks,
      ocppMessages: (record) => {
        frames.record(record);
        ocppMessages?.(record);
      },
    },
  );
  if (options.start !== false) chargePoint.start(options.bootReason === undefined ? {} : { bootReason: options.bootReason });
  let stopped: Promise<void> | undefined;
  return {
    chargePoint,
    deviceModel,
    stores,
    logger,
    resets,
    frames,
    stop: () =>
      (stopped ??= (async () => {
        await chargePoint.stop();
        stores.close();
      })()),
  };
}

/** A started station that the CSMS has accepted and that has reported every connector. */
export interface BootedStation {
  station: RunningStation;
  /** The CSMS side of the station's connection. */
  client: CsmsClient;
  /** The CSMS ledger index before the station connected: everything this boot sent is at or after it. */
  since: number;
}

/**
 * Starts a station against `csms` (on `dbPath`, e.g. again after a stop) and waits until it is connected, has
 * sent its BootNotification and one StatusNotification per connector of the conformance layout.
 */
export async function startBootedStation(csms: StrictCsms, options: Omit<StationOptions, 'csmsUrl' | 'start'> & { csmsUrl?: string }): Promise<BootedStation> {
  const since = csms.ledger.length;
  const clientsBefore = csms.clients.length;
  const station = startStation({ ...options, csmsUrl: options.csmsUrl ?? csms.url });
  try {
    const client = await waitForNewClient(csms, clientsBefore);
    const connectors = conformanceLayout.evses.reduce((n, e) => n + e.connectors.length, 0);
    await waitForCalls(csms, 'StatusNotification', connectors, since);
    if (stationCalls(csms, 'BootNotification', since).length === 0) throw new Error('StatusNotification before any BootNotification');
    return { station, client, since };
  } catch (error) {
    await station.stop();
    throw error;
  }
}
