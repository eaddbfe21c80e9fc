import { EvseManager, type EvseHardware, type EvseManagerOptions, type PowerMeterPort } from '@evstation/core';
import { FakeClock, MemoryLogger } from '@evstation/core/testing';
import { expect } from 'vitest';
import { SimulatedEvse } from '../simulated/simulated-evse.js';
import type { SimulatedEvOptions } from '../simulated/simulated-ev.js';
import { SimulatedTokenReader } from '../simulated/simulated-token-reader.js';
import { FakeChargePoint } from './fake-charge-point.js';

/** The card a scenario station accepts by default. */
export const TOKEN = 'AA11BB22';

/** The lock's 600 ms pulse and 200 ms settle (hardware.md 6.1 defaults), with room to spare. */
export const LOCK_MS = 1_000;

/** A jammed lock: three 600 ms pulses, 200 ms settles and two 500 ms pauses (DEFAULT_LOCK_TIMING), with room to spare. */
export const JAMMED_LOCK_MS = 4_000;

/** How a scenario station is built. */
export interface ScenarioStationOptions {
  evses?: number;
  ev?: Partial<SimulatedEvOptions>;
  maxCurrentA?: number;
  /** No lock, and an unplug is always at the EV side. */
  tethered?: boolean;
  acceptedTokens?: readonly string[];
  options?: EvseManagerOptions;
  /** A station-wide reader (tokens without an evseId) besides the per-EVSE ones. */
  stationReader?: boolean;
  /** The station's main meter, built on the station's clock. */
  mainMeter?: (clock: FakeClock) => PowerMeterPort;
  /** Called before the manager starts (e.g. an EV already plugged in at boot). */
  beforeStart?: (station: ScenarioStation) => void;
}

/** "station = evse-manager + simulated EVSEs + a ChargePoint-like object", driven by a FakeClock. */
export interface ScenarioStation {
  clock: FakeClock;
  logger: MemoryLogger;
  evses: SimulatedEvse[];
  manager: EvseManager;
  chargePoint: FakeChargePoint;
  stationReader: SimulatedTokenReader;
  /** EVSE `evseId`'s simulated hardware. */
  evse(evseId: number): SimulatedEvse;
  /** Moves simulated time by `ms` (firing timers in order) and lets every pending promise chain finish. */
  run(ms?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Lets the evse-manager's awaited command chains run to the end (microtasks only; no real time passes). */
async function drain(clock: FakeClock): Promise<void> {
  for (let i = 0; i < 10; i += 1) await clock.advance(0);
}

/**
 * Moves simulated time by `ms`, timer by timer, draining pending promise chains after each, so a chain that schedules
 * its next timer late is not jumped over.
 */
export async function runFor(clock: FakeClock, ms: number): Promise<void> {
  await drain(clock);
  const end = clock.monotonicMs() + ms;
  for (;;) {
    const next = clock.msUntilNextTimer();
    if (next === undefined || next > end - clock.monotonicMs()) break;
    await clock.advance(next);
    await drain(clock);
  }
  await clock.advance(end - clock.monotonicMs());
  await drain(clock);
}

/**
 * Builds a station of SimulatedEvses wired to an EvseManager and a FakeChargePoint (the ports are started by the
 * manager, as in a board app). The same sessions with the real ChargePoint against a strict CSMS are in
 * test/src/evse-manager.
 */
export async function scenarioStation(options: ScenarioStationOptions = {}): Promise<ScenarioStation> {
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const count = options.evses ?? 1;
  const evses = Array.from({ length: count }, (_, i) => new SimulatedEvse({ clock, logger, evseId: i + 1, ...(options.ev === undefined ? {} : { ev: options.ev }) }));
  const hardware: EvseHardware[] = evses.map((evse, i) => ({
    evseId: i + 1,
    controller: evse.controller,
    meter: evse.meter,
    tokenReader: evse.tokenReader,
    maxCurrentA: options.maxCurrentA ?? 32,
    ...(options.tethered === true ? { tethered: true } : { lock: evse.lock }),
  }));
  const stationReader = new SimulatedTokenReader({ clock, readerId: 'station' });
  const manager = new EvseManager({
    clock,
    logger,
    evses: hardware,
    ...(options.stationReader === true ? { tokenReader: stationReader } : {}),
    ...(options.mainMeter === undefined ? {} : { mainMeter: options.mainMeter(clock) }),
    ...(options.options === undefined ? {} : { options: options.options }),
  });
  const chargePoint = new FakeChargePoint({ callbacks: manager.callbacks, evseIds: hardware.map((h) => h.evseId), acceptedTokens: options.acceptedTokens ?? [TOKEN] });
  manager.attach(chargePoint);
  const evse = (evseId: number): SimulatedEvse => {
    const found = evses[evseId - 1];
    if (found === undefined) throw new Error(`no EVSE ${evseId} in this station`);
    return found;
  };
  const run = (ms = 0): Promise<void> => runFor(clock, ms);
  const station: ScenarioStation = { clock, logger, evses, manager, chargePoint, stationReader, evse, run, stop: () => manager.stop() };
  options.beforeStart?.(station);
  await manager.start();
  await drain(clock);
  return station;
}


/** EVSE `evseId` plugged in, the accepted card held to its reader, the lock driven: the EVSE charges (checked). */
export async function startCharging(station: ScenarioStation, evseId = 1): Promise<void> {
  const evse = station.evse(evseId);
  evse.command({ type: 'plug-in' });
  evse.command({ type: 'present-token', idToken: TOKEN });
  await station.run(LOCK_MS);
  expect(evse.snapshot()).toMatchObject({ relayClosed: true, lock: 'locked' });
}

/** A scenario station whose EVSE 1 charges, with what was reported up to then forgotten (to assert on what follows). */
export async function chargingStation(options: ScenarioStationOptions = {}): Promise<ScenarioStation> {
  const station = await scenarioStation(options);
  await startCharging(station);
  station.chargePoint.clear();
  return station;
}
