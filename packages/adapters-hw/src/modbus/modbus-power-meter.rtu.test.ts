import { powerMeterContract, silentLogger } from '@evstation/core/testing';
import modbusSerial from 'modbus-serial';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../system/system-clock.js';
import { CHARGING_SCENARIO, corruptImportEnergy, writeEnergy, writeScenario } from '../testing/meter-fixtures.js';
import { SimulatedModbusDevice } from '../testing/modbus-test-server.js';
import { openPtyPair, type PtyPair } from '../testing/socat-pty-pair.js';
import { METER_MODELS } from './meter-models.js';
import { ModbusBus } from './modbus-bus.js';
import { ModbusPowerMeter } from './modbus-power-meter.js';
import { ModbusSerialLink } from './modbus-serial-link.js';

const sdm630 = METER_MODELS['eastron-sdm630']!;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An SDM630 served by modbus-serial's ServerSerial on one end of a socat pty pair, read over RTU from the other. */
async function makeRtuRig(requestTimeoutMs = 1000): Promise<{ device: SimulatedModbusDevice; meter: ModbusPowerMeter; pair: PtyPair; bus: ModbusBus }> {
  const pair = await openPtyPair();
  cleanups.push(() => pair.stop());
  const device = new SimulatedModbusDevice();
  writeScenario(sdm630.id, device.image, CHARGING_SCENARIO);
  const server = await new Promise<modbusSerial.ServerSerial>((resolve, reject) => {
    const s = new modbusSerial.ServerSerial(device.vector(), { path: pair.b, baudRate: 9600, unitID: 1 });
    s.on('initialized', () => resolve(s));
    s.on('error', (error) => reject(error ?? new Error('ServerSerial failed')));
  });
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const clock = new SystemClock();
  const link = new ModbusSerialLink({ config: { transport: 'rtu', path: pair.a, baudRate: 9600 }, requestTimeoutMs });
  const bus = new ModbusBus({ clock, logger: silentLogger, link, name: link.name, requestTimeoutMs });
  cleanups.push(() => bus.stop());
  expect(await bus.start()).toBe(true);
  return { device, pair, bus, meter: new ModbusPowerMeter({ clock, logger: silentLogger, bus, unitId: 1, model: sdm630 }) };
}

describe('ModbusPowerMeter over RTU through a socat pty pair against ServerSerial (hardware.md 1.5, 2.2)', () => {
  it('reads an SDM630 over RTU', async () => {
    const { meter } = await makeRtuRig();
    const result = await meter.read();
    if (!result.ok) throw new Error(result.error.message);
    expect(result.reading.energyImportWh).toBeCloseTo(1_234_500, 0);
    expect(result.reading.voltageV?.l2).toBeCloseTo(231.2, 3);
    expect(result.reading.powerW?.l3).toBeCloseTo(-120.5, 3);
  });

  it('runs concurrent reads of two meters on one RTU line one after the other (hardware.md 1.3: parallel RTU requests fail)', async () => {
    const { bus, meter } = await makeRtuRig();
    const second = new ModbusPowerMeter({ clock: new SystemClock(), logger: silentLogger, bus, unitId: 1, model: sdm630, meterId: 'second' });
    const results = await Promise.all([meter.read(), second.read(), meter.read()]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
  });

  it('reports an exception reply over RTU with its code', async () => {
    const { meter, device } = await makeRtuRig();
    device.faults = { exceptionCode: 2 };
    expect(await meter.read()).toMatchObject({ ok: false, error: { kind: 'exception', exceptionCode: 2 } });
  });

  it('reports "timeout" when the meter on the line stays silent, and reads again once it answers', async () => {
    const { meter, device } = await makeRtuRig(300);
    device.faults = { silent: true };
    expect(await meter.read()).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    device.faults = {};
    expect((await meter.read()).ok).toBe(true);
  });

  it('reports the line as disconnected when the pty pair disappears (USB adapter pulled)', async () => {
    const { meter, pair, bus } = await makeRtuRig();
    const down = new Promise<void>((resolve) => bus.onConnectionChange((up) => !up && resolve()));
    await pair.stop();
    const result = await meter.read();
    expect(result.ok).toBe(false);
    await down;
    expect(bus.isConnected()).toBe(false);
  });
});

powerMeterContract(
  'ModbusPowerMeter eastron-sdm630 over RTU (socat + ServerSerial)',
  async () => {
    const { device, meter } = await makeRtuRig();
    return {
      meter,
      setEnergy: (importWh, exportWh) => writeEnergy(sdm630.id, device.image, importWh / 1000, exportWh / 1000),
      corruptImportEnergy: () => void corruptImportEnergy(sdm630.id, device.image),
    };
  },
  { canCorruptEnergy: true },
);
