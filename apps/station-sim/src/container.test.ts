import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock, MemoryLogger, type FakeTransport } from '@evstation/core/testing';
import { createAppContainer, createStationContainer, systemModule, TOKENS } from '@evstation/wiring';
import { FakeCsmsPeer, fakeTransportModule } from '@evstation/wiring/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSimArgs } from './cli-options.js';
import { EventHub } from './event-hub.js';
import { simStationModules } from './sim-container.js';
import type { SimOptions } from './sim-options.js';
import { simStationSettings } from './sim-station-settings.js';
import { StationMonitor } from './station-monitor.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function options(args: string[]): SimOptions {
  const command = parseSimArgs(['--csms', 'ws://csms.test', ...args], { env: {} });
  if (command.kind !== 'run') throw new Error('expected options');
  return command.options;
}

/** station-sim's module list for station 0 with a fake transport, under an app container on a FakeClock. */
function appGraph(simOptions: SimOptions) {
  const clock = new FakeClock(new Date('2026-03-01T12:00:00.000Z'));
  const transports: FakeTransport[] = [];
  const app = createAppContainer([systemModule({ logger: new MemoryLogger(), clock })]);
  const monitor = new StationMonitor({ clock, hub: new EventHub(), csmsUrl: 'ws://csms.test', messageLog: simOptions.messageLog });
  const modules = simStationModules(simOptions, 0, simStationSettings(simOptions, 0, 'ws://csms.test', undefined), monitor.observer, { transport: fakeTransportModule(transports) });
  return { clock, transports, app, monitor, modules };
}

describe("station-sim's container (issue 6 §1): the app's whole graph with a fake transport", () => {
  it('resolves, boots on SQLite in a new folder, sends BootNotification and fills the message log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'station-sim-container-'));
    dirs.push(dir);
    const db = join(dir, 'not-yet', 'station.db');
    const graph = appGraph(options(['--db', db, '--evses', '3']));
    const { host, evses } = createStationContainer(graph.app, graph.modules).get(TOKENS.SimulatedStation);
    graph.monitor.attach({ host, evses });
    expect(evses).toHaveLength(3);
    const csms = new FakeCsmsPeer(graph.clock, graph.transports);
    await host.start();
    await csms.run(1000);
    expect(existsSync(db)).toBe(true);
    expect(graph.transports[0]?.options).toMatchObject({ identity: 'evstation-sim', csmsUrl: 'ws://csms.test', securityProfile: 0 });
    expect(csms.callsOf('BootNotification')).toMatchObject([{ reason: 'PowerUp', chargingStation: { model: 'station-sim', vendorName: 'evstation' } }]);
    expect(csms.callsOf('StatusNotification')).toHaveLength(3);
    expect(graph.monitor.log.last(100).filter((m) => m.direction === 'out' && m.action === 'BootNotification')).toHaveLength(1);
    await host.stop();
  });

  it.each([
    [0, 'stationModule', 'StationHost'],
    [1, 'the storage module', 'StationStoresFactory'],
    [2, 'the transport module', 'TransportFactory'],
    [3, 'the simulated hardware module', 'StationHardware'],
    [4, 'simulatedStationModule', 'SimulatedStation'],
  ] as const)('without module %i (%s) resolution fails naming the missing binding %s', (index, _name, token) => {
    const graph = appGraph(options(['--db', ':memory:']));
    const container = createStationContainer(
      graph.app,
      graph.modules.filter((_, i) => i !== index),
    );
    expect(() => container.get(TOKENS.SimulatedStation)).toThrow(`No bindings found for service: "Symbol(${token})"`);
  });

  it('the observer is optional: without it the station still resolves', () => {
    const graph = appGraph(options(['--db', ':memory:']));
    const container = createStationContainer(graph.app, graph.modules.slice(0, 5));
    expect(container.get(TOKENS.SimulatedStation).host.identity).toBe('evstation-sim');
  });
});
