import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { ChargePointCallbacks, ClockPort } from '@evstation/core';
import { SystemClock } from '@evstation/adapters-hw';
import { FirmwareSite } from './firmware-site.js';
import { FirmwareInstaller, ManagementPorts } from './management-kit.js';
import { acceptingHandlers, waitUntil } from './ocpp-frames.js';
import { startBootedStation, tempDatabase, type BootedStation, type RunningStation, type StationOptions } from './station-harness.js';
import { StrictCsms, type CsmsClient, type StrictCsmsOptions } from './strict-csms.js';

type Handlers = NonNullable<StrictCsmsOptions['handlers']>;

/** Options of a ManagedStation beyond the harness's own. */
export interface ManagedStationOptions {
  clock?: ClockPort;
  handlers?: Handlers;
  /** Device model values of every boot. */
  values?: StationOptions['values'];
  /** Callbacks of every boot besides the firmware installer's. */
  callbacks?: Partial<ChargePointCallbacks>;
}

/**
 * A strict CSMS and the real ChargePoint on a SQLite file with the management ports on real adapters (certificate
 * store, NodeFileTransfer, NodeFirmwareVerifier) and a firmware installer. `reboot` does what a station does when the
 * library calls `reset` (the L01 install reboot): stop, then start a new ChargePoint on the same database and directories.
 */
export class ManagedStation {
  readonly installer = new FirmwareInstaller();
  readonly ports = new ManagementPorts();
  readonly clock: ClockPort;
  private readonly db = tempDatabase();
  private running: BootedStation | undefined;

  private constructor(
    readonly csms: StrictCsms,
    private readonly options: ManagedStationOptions,
  ) {
    this.clock = options.clock ?? new SystemClock();
  }

  /** Starts the CSMS (accepting every Core message unless `handlers` overrides). */
  static async create(options: ManagedStationOptions = {}): Promise<ManagedStation> {
    const csms = await StrictCsms.start({ handlers: acceptingHandlers({ FirmwareStatusNotification: () => ({}), LogStatusNotification: () => ({}), NotifyCustomerInformation: () => ({}), ...options.handlers }) });
    return new ManagedStation(csms, options);
  }

  /**
   * Starts the CSMS, installs `manufacturerRoot` (the root firmware signing certificates must chain to, L01) when
   * given, and boots the station: the setup of every management case.
   */
  static async booted(options: ManagedStationOptions & { manufacturerRoot?: string } = {}): Promise<ManagedStation> {
    const { manufacturerRoot, ...rest } = options;
    const managed = await ManagedStation.create(rest);
    if (manufacturerRoot !== undefined) await managed.ports.trustManufacturer(managed.clock, manufacturerRoot);
    await managed.boot();
    return managed;
  }

  /** Starts the station and waits until it is booted and has reported its connectors. */
  async boot(extra: Partial<Omit<StationOptions, 'csmsUrl' | 'dbPath' | 'start'>> = {}): Promise<BootedStation> {
    const booted = await startBootedStation(this.csms, {
      dbPath: this.db.path,
      clock: this.clock,
      deps: this.ports.open(this.clock),
      ...(this.options.values === undefined ? {} : { values: this.options.values }),
      ...extra,
      callbacks: { updateFirmwareRequest: this.installer.updateFirmwareRequest, ...this.options.callbacks, ...extra.callbacks },
    });
    this.running = booted;
    return booted;
  }

  /** The station running now. */
  get station(): RunningStation {
    return this.booted().station;
  }

  /** The CSMS side of its connection. */
  get client(): CsmsClient {
    return this.booted().client;
  }

  /** The library asked for the install reboot (reset Immediate): the station restarts on the same files. */
  async reboot(): Promise<BootedStation> {
    const running = this.station;
    await waitUntil(() => running.resets.some((r) => r.type === 'Immediate'), 'the install reboot (reset Immediate)');
    await running.stop();
    this.running = undefined;
    return this.boot();
  }

  async dispose(): Promise<void> {
    await this.running?.station.stop();
    await this.csms.close();
    await this.ports.dispose();
    this.db.dispose();
  }

  private booted(): BootedStation {
    if (this.running === undefined) throw new Error('ManagedStation: boot() first');
    return this.running;
  }
}

/** What `firmwareStationPerTest` gives the tests of a describe. */
export interface FirmwareStationFixture {
  /** The manufacturer's signing PKI and HTTP server, one for the whole describe. */
  readonly site: FirmwareSite;
  /** This test's booted station, trusting the site's manufacturer root. */
  readonly managed: ManagedStation;
}

/**
 * The setup of the firmware cases (L01, F06 FirmwareStatusNotification), registered on the calling describe: a
 * FirmwareSite for all its tests and, for each test, a ManagedStation made with `options()` that trusts the site's
 * manufacturer root, booted, and disposed after the test.
 */
export function firmwareStationPerTest(options: () => ManagedStationOptions = () => ({})): FirmwareStationFixture {
  let site: FirmwareSite | undefined;
  let managed: ManagedStation | undefined;
  const present = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`firmwareStationPerTest: no ${what} outside a test`);
    return value;
  };
  beforeAll(async () => {
    site = await FirmwareSite.start();
  });
  afterAll(async () => {
    await site?.close();
  });
  beforeEach(async () => {
    managed = await ManagedStation.booted({ ...options(), manufacturerRoot: present(site, 'site').pki.root.cert });
  });
  afterEach(async () => {
    await managed?.dispose();
    managed = undefined;
  });
  return {
    get site() {
      return present(site, 'site');
    },
    get managed() {
      return present(managed, 'station');
    },
  };
}
