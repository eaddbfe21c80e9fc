import { afterEach, beforeEach } from 'vitest';
import { EvseManager, FakeClock, type ChargePointCallbacks, type EvseHardware, type EvseManagerOptions } from '@evstation/core';
import { MemoryLogger } from '@evstation/core/testing';
import { SimulatedEvse } from '@evstation/adapters-hw';
import { configValues } from './charging-session.js';
import { advanceQuietly } from './quiet-clock.js';
import { acceptingHandlers } from './ocpp-frames.js';
import { conformanceLayout, startBootedStation, tempDatabase, type RunningStation } from './station-harness.js';
import { StrictCsms, type CsmsClient } from './strict-csms.js';

/** How an evse-manager station is built. */
export interface EvseStationOptions {
  dbPath: string;
  /** Device model values as `{ 'TxCtrlr.TxStopPoint': 'Authorized' }` (clock-aligned data is off unless given). */
  values?: Record<string, string>;
  manager?: EvseManagerOptions;
  /** Callbacks besides the evse-manager's (observers such as transactionEvent). */
  callbacks?: Partial<ChargePointCallbacks>;
}

/** A booted station: the real ChargePoint driven by an EvseManager over two SimulatedEvses, on one FakeClock. */
export interface EvseStation {
  csms: StrictCsms;
  clock: FakeClock;
  station: RunningStation;
  /** The CSMS side of the station's connection. */
  client: CsmsClient;
  /** The CSMS ledger index before the station connected. */
  since: number;
  manager: EvseManager;
  /** What the evse-manager and the simulated hardware logged. */
  logger: MemoryLogger;
  /** EVSE `evseId`'s simulated hardware (EV, controller, lock, meter, reader). */
  evse(evseId: number): SimulatedEvse;
  /**
   * Moves simulated time by `ms`, timer by timer, letting every CALL in flight be answered before time moves on
   * (the station's MessageTimeout and the lock pulses run on the same clock). `run()` just lets things settle.
   */
  run(ms?: number): Promise<void>;
  /**
   * A CALL from the CSMS, with simulated time moving (100 ms at a time, up to 10 s) until the station answers: an
   * UnlockConnector waits for the lock to be driven on the clock.
   */
  call(action: string, params: unknown): Promise<unknown>;
  /** Withdraws energy, releases the hardware, stops the ChargePoint and closes its database. */
  stop(): Promise<void>;
}

/** A driver's cable: Type 2, 32 A by its PP resistor, so an unplug at the EV side is told by the rating still read. */
const CABLE_RATING_A = 32;
const CALL_STEP_MS = 100;
const CALL_MAX_MS = 10_000;

/**
 * The board-app wiring of DESIGN 3.3 on simulated hardware, against `csms`: one SimulatedEvse per EVSE of the
 * conformance layout (socket with lock, 32 A cable, its own meter and reader), an EvseManager whose callbacks are
 * spread into the ChargePoint's, the ChargePoint on SQLite at `dbPath` over WsTransport, then attach + start.
 */
export async function startEvseStation(csms: StrictCsms, options: EvseStationOptions): Promise<EvseStation> {
  const clock = new FakeClock(new Date('2026-03-02T08:00:10.000Z'));
  const logger = new MemoryLogger();
  const evses = conformanceLayout.evses.map((e) => new SimulatedEvse({ clock, logger, evseId: e.id, cableRatingA: CABLE_RATING_A }));
  const hardware: EvseHardware[] = evses.map((evse, i) => ({
    evseId: i + 1,
    controller: evse.controller,
    lock: evse.lock,
    meter: evse.meter,
    tokenReader: evse.tokenReader,
    maxCurrentA: 32,
  }));
  const manager = new EvseManager({ clock, logger, evses: hardware, ...(options.manager === undefined ? {} : { options: options.manager }) });
  const values = configValues({ 'AlignedDataCtrlr.Interval': '0', ...options.values });
  const { station, client, since } = await startBootedStation(csms, {
    dbPath: options.dbPath,
    clock,
    values,
    callbacks: { ...options.callbacks, ...manager.callbacks },
  });
  manager.attach(station.chargePoint);
  await manager.start();
  const run = (ms = 0): Promise<void> => advanceQuietly(clock, station.frames, ms);
  const call = async (action: string, params: unknown): Promise<unknown> => {
    let answered = false;
    const answer = client.call(action, params).finally(() => (answered = true));
    for (let waited = 0; !answered; waited += CALL_STEP_MS) {
      if (waited > CALL_MAX_MS) {
        void answer.catch(() => undefined);
        throw new Error(`${action} not answered within ${CALL_MAX_MS} ms of simulated time`);
      }
      await advanceQuietly(clock, station.frames, waited === 0 ? 0 : CALL_STEP_MS, { csms: 1 });
    }
    await run();
    return answer;
  };
  await run();
  const evse = (evseId: number): SimulatedEvse => {
    const found = evses[evseId - 1];
    if (found === undefined) throw new Error(`No EVSE ${evseId} in the conformance layout`);
    return found;
  };
  return {
    csms,
    clock,
    station,
    client,
    since,
    manager,
    logger,
    evse,
    run,
    call,
    stop: async () => {
      await manager.stop();
      await station.stop();
    },
  };
}

/** Starts this test's station (its CSMS is the station's `csms`). */
export type BootEvseStation = (options?: Omit<EvseStationOptions, 'dbPath'>) => Promise<EvseStation>;

/**
 * The per-test setup of an evse-manager case, registered on the calling describe: before each test a strict CSMS
 * (accepting every Core message) and a temp database; after it, the station `boot` started is stopped, the CSMS
 * closed and the database removed.
 */
export function evseStationPerTest(): { boot: BootEvseStation } {
  let current: { csms: StrictCsms; db: { path: string; dispose: () => void }; station?: EvseStation } | undefined;
  const running = (): NonNullable<typeof current> => {
    if (current === undefined) throw new Error('evseStationPerTest: only inside a test');
    return current;
  };
  beforeEach(async () => {
    current = { csms: await StrictCsms.start({ handlers: acceptingHandlers() }), db: tempDatabase() };
  });
  afterEach(async () => {
    const ending = running();
    current = undefined;
    await ending.station?.stop();
    await ending.csms.close();
    ending.db.dispose();
  });
  return {
    boot: async (options = {}) => {
      const test = running();
      test.station = await startEvseStation(test.csms, { dbPath: test.db.path, ...options });
      return test.station;
    },
  };
}
