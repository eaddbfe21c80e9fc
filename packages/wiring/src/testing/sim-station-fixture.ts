import { FakeClock, MemoryLogger, type FakeTransport } from '@evstation/core/testing';
import type { ContainerModule } from 'inversify';
import { createAppContainer, createStationContainer, type Container } from '../containers.js';
import { memoryStorageModule } from '../modules/memory-storage.module.js';
import { simulatedHardwareModule, simulatedLayout } from '../modules/simulated-hardware.module.js';
import { simulatedStationModule } from '../modules/simulated-station.module.js';
import { stationModule } from '../modules/station.module.js';
import { systemModule } from '../modules/system.module.js';
import type { StationSettings } from '../station-settings.js';
import { fakeTransportModule } from './fake-transport.module.js';

/** Settings of a simulated test station with `evses` EVSEs against a placeholder CSMS URL. */
export function testStationSettings(identity = 'CS-WIRING-1', evses = 2): StationSettings {
  return {
    identity,
    csmsUrl: 'ws://csms.test/ocpp',
    securityProfile: 0,
    chargingStation: { model: 'WiringSim', vendorName: 'evstation', serialNumber: `SN-${identity}`, firmwareVersion: '0.1.0' },
    layout: simulatedLayout(evses),
    // The simulated lock moves in 0.8 s; the defaults are fine. Meter every 10 s (evse-manager default).
  };
}

/** An app container (FakeClock, MemoryLogger) and what a test needs to build station containers under it. */
export interface TestApp {
  clock: FakeClock;
  logger: MemoryLogger;
  app: Container;
  /** Every FakeTransport made so far, in boot order, across all stations of this app. */
  transports: FakeTransport[];
  /** The modules of a simulated station on in-memory storage and fake transport; `replace` swaps or drops some. */
  simulatedStationModules(settings: StationSettings, replace?: { storage?: ContainerModule | null; transport?: ContainerModule | null; hardware?: ContainerModule | null }): ContainerModule[];
  stationContainer(modules: readonly ContainerModule[]): Container;
}

/** Builds the app container with a FakeClock and a MemoryLogger. */
export function testApp(): TestApp {
  const clock = new FakeClock(new Date('2026-03-01T12:00:00.000Z'));
  const logger = new MemoryLogger();
  const transports: FakeTransport[] = [];
  const app = createAppContainer([systemModule({ logger, clock })]);
  return {
    clock,
    logger,
    app,
    transports,
    simulatedStationModules: (settings, replace = {}) =>
      [
        stationModule(settings),
        replace.storage === undefined ? memoryStorageModule() : replace.storage,
        replace.transport === undefined ? fakeTransportModule(transports) : replace.transport,
        replace.hardware === undefined ? simulatedHardwareModule({ evses: settings.layout.evses.length }) : replace.hardware,
        simulatedStationModule(),
      ].filter((module): module is ContainerModule => module !== null),
    stationContainer: (modules) => createStationContainer(app, modules),
  };
}
