import { afterEach, beforeEach } from 'vitest';
import { acceptingHandlers } from './ocpp-frames.js';
import { startBootedStation, tempDatabase, type BootedStation, type RunningStation, type StationOptions } from './station-harness.js';
import { StrictCsms, type CsmsClient, type StrictCsmsOptions } from './strict-csms.js';

/** What a case may set when it boots its station (the fixture gives the CSMS URL and the database). */
export type BootOptions = Omit<StationOptions, 'csmsUrl' | 'dbPath' | 'start'>;

/** One test's strict CSMS and harness station on a temp SQLite file (see `stationPerTest`). */
export interface StationFixture {
  /** This test's CSMS. */
  readonly csms: StrictCsms;
  /** The station `boot` started last. */
  readonly station: RunningStation;
  /** The CSMS side of its connection. */
  readonly client: CsmsClient;
  /** Starts a station on this test's database (again after a stop: a reboot on the same files) and waits until it has booted. */
  boot(options?: BootOptions): Promise<BootedStation>;
}

/**
 * The per-test setup of a conformance case, registered on the calling describe: before each test a strict CSMS made
 * with `csmsOptions()` (default: accepting every Core message) and a temp database; after it, every station `boot`
 * started is stopped, the CSMS closed and the database removed.
 */
export function stationPerTest(csmsOptions: () => StrictCsmsOptions = () => ({ handlers: acceptingHandlers() })): StationFixture {
  let test: { csms: StrictCsms; db: { path: string; dispose: () => void }; booted: BootedStation[] } | undefined;
  const current = (): NonNullable<typeof test> => {
    if (test === undefined) throw new Error('stationPerTest: only inside a test');
    return test;
  };
  const last = (): BootedStation => {
    const booted = current().booted.at(-1);
    if (booted === undefined) throw new Error('stationPerTest: boot() first');
    return booted;
  };
  beforeEach(async () => {
    test = { csms: await StrictCsms.start(csmsOptions()), db: tempDatabase(), booted: [] };
  });
  afterEach(async () => {
    const ending = current();
    test = undefined;
    for (const { station } of ending.booted) await station.stop();
    await ending.csms.close();
    ending.db.dispose();
  });
  return {
    get csms() {
      return current().csms;
    },
    get station() {
      return last().station;
    },
    get client() {
      return last().client;
    },
    boot: async (options = {}) => {
      const { csms, db, booted } = current();
      const next = await startBootedStation(csms, { dbPath: db.path, ...options });
      booted.push(next);
      return next;
    },
  };
}
