import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GpioConnectorLock, ModbusPowerMeter, RapiChargeController, SerialLineTokenReader } from '@evstation/adapters-hw';
import { FakeClock, MemoryLogger, type FakeTransport } from '@evstation/core/testing';
import { createAppContainer, simulatedHardwareModule, TOKENS } from '@evstation/wiring';
import { FakeCsmsPeer, fakeTransportModule } from '@evstation/wiring/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePiConfig } from './parse-pi-config.js';
import type { PiConfig } from './pi-config.js';
import { piModules } from './pi-container.js';
import { exampleConfigJson } from './testing/example-config.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The shipped example, on plain ws (profile 0) and a database in a temp folder. */
function exampleConfig(): PiConfig {
  const json = exampleConfigJson();
  const dir = mkdtempSync(join(tmpdir(), 'station-pi-'));
  dirs.push(dir);
  json['csms'] = { url: 'ws://csms.test/ocpp', securityProfile: 0 };
  json['storage'] = { path: join(dir, 'station.db') };
  return parsePiConfig(json);
}

describe("station-pi's container (issue 6 §1, §4)", () => {
  it('resolves its whole graph with the simulated hardware module in place of the board, and boots as configured', async () => {
    const config = exampleConfig();
    const clock = new FakeClock(new Date('2026-03-01T12:00:00.000Z'));
    const transports: FakeTransport[] = [];
    const container = createAppContainer(piModules(config, undefined, new MemoryLogger(), { hardware: simulatedHardwareModule({ evses: 1 }), transport: fakeTransportModule(transports), clock }));
    const host = container.get(TOKENS.StationHost);
    const csms = new FakeCsmsPeer(clock, transports);
    await host.start();
    await csms.run(1000);
    expect(transports[0]?.options).toMatchObject({ identity: 'PI-0001', csmsUrl: 'ws://csms.test/ocpp', securityProfile: 0 });
    expect(csms.callsOf('BootNotification')).toMatchObject([{ reason: 'PowerUp', chargingStation: { model: 'evstation-pi', vendorName: 'evstation', serialNumber: 'PI-0001' } }]);
    expect(csms.callsOf('StatusNotification')).toMatchObject([{ evseId: 1, connectorId: 1, connectorStatus: 'Available' }]);
    expect(host.running?.deviceModel.get('TxCtrlr', 'EVConnectionTimeOut')).toBe(120);
    await host.stop();
  });

  it('the real board module builds the configured adapters (RAPI controller, Modbus meter, GPIO lock, serial reader) without touching the hardware', () => {
    const config = exampleConfig();
    const container = createAppContainer(piModules(config, undefined, new MemoryLogger()));
    const hardware = container.get(TOKENS.StationHardware);
    const [evse] = hardware.evses;
    expect(evse?.evseId).toBe(1);
    expect(evse?.maxCurrentA).toBe(32);
    expect(evse?.controller).toBeInstanceOf(RapiChargeController);
    expect(evse?.meter).toBeInstanceOf(ModbusPowerMeter);
    expect(evse?.lock).toBeInstanceOf(GpioConnectorLock);
    expect(evse?.tokenReader).toBeInstanceOf(SerialLineTokenReader);
    expect(container.get(TOKENS.StationHost).identity).toBe('PI-0001');
  });

  it('a container without the hardware module fails naming the missing binding', () => {
    const config = exampleConfig();
    const modules = piModules(config, undefined, new MemoryLogger()).slice(0, 4);
    expect(() => createAppContainer(modules).get(TOKENS.StationHost)).toThrow('No bindings found for service: "Symbol(StationHardware)"');
  });
});
