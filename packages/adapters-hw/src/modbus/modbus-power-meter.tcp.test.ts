import type { MeterReading } from '@evstation/core';
import { FakeClock, MemoryLogger, powerMeterContract, silentLogger } from '@evstation/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../system/system-clock.js';
import { freePort } from '../testing/free-port.js';
import { CHARGING_SCENARIO, corruptImportEnergy, writeEnergy, writeScenario, type MeterScenario } from '../testing/meter-fixtures.js';
import { ModbusTcpTestServer } from '../testing/modbus-test-server.js';
import { METER_MODELS } from './meter-models.js';
import { ModbusBus } from './modbus-bus.js';
import { ModbusPowerMeter } from './modbus-power-meter.js';
import { ModbusSerialLink } from './modbus-serial-link.js';
import type { MeterModel, MeterQuantity } from './register-spec.js';

interface Rig {
  server: ModbusTcpTestServer;
  bus: ModbusBus;
  meter: ModbusPowerMeter;
  dispose(): Promise<void>;
}

const rigs: Rig[] = [];

async function makeRig(model: MeterModel, options: { clock?: FakeClock; logger?: MemoryLogger; requestTimeoutMs?: number } = {}): Promise<Rig> {
  const server = new ModbusTcpTestServer({ port: await freePort() });
  writeScenario(model.id, server.device.image, CHARGING_SCENARIO);
  await server.start();
  const clock = options.clock ?? new SystemClock();
  const logger = options.logger ?? silentLogger;
  const requestTimeoutMs = options.requestTimeoutMs ?? 1000;
  const link = new ModbusSerialLink({ config: { transport: 'tcp', host: '127.0.0.1', port: server.port }, requestTimeoutMs });
  const bus = new ModbusBus({ clock, logger, link, name: link.name, requestTimeoutMs });
  expect(await bus.start()).toBe(true);
  const meter = new ModbusPowerMeter({ clock, logger, bus, unitId: 1, model });
  const rig: Rig = {
    server,
    bus,
    meter,
    dispose: async () => {
      await bus.stop();
      await server.stop();
    },
  };
  rigs.push(rig);
  return rig;
}

afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.dispose();
});

function expectedValue(model: MeterModel, quantity: MeterQuantity, s: MeterScenario): number {
  // Single-phase meters (SDM120) serve the total from the L1 register.
  if (quantity === 'powerW.total' && model.registers['powerW.l1']?.address === model.registers['powerW.total']?.address) return s.powerW[0];
  const phase = (values: readonly [number, number, number], p: string): number => values[Number(p.slice(1)) - 1] ?? Number.NaN;
  const [field, p = ''] = quantity.split('.');
  switch (field) {
    case 'energyImportWh':
      return s.importKwh * 1000;
    case 'energyExportWh':
      return s.exportKwh * 1000;
    case 'frequencyHz':
      return s.frequencyHz;
    case 'energyImportPerPhaseWh':
      return phase(s.importPerPhaseKwh, p) * 1000;
    case 'voltageV':
      return phase(s.voltageV, p);
    case 'currentA':
      return phase(s.currentA, p);
    default:
      return p === 'total' ? s.powerTotalW : phase(s.powerW, p);
  }
}

function readField(reading: MeterReading, quantity: MeterQuantity): number | undefined {
  const [field, phase] = quantity.split('.') as [keyof MeterReading, 'total' | 'l1' | 'l2' | 'l3' | undefined];
  const value = reading[field];
  if (phase === undefined) return typeof value === 'number' ? value : undefined;
  return typeof value === 'object' && !(value instanceof Date) ? value[phase] : undefined;
}

describe('ModbusPowerMeter register maps against ServerTCP on loopback (hardware.md 4, 7)', () => {
  it.each(Object.values(METER_MODELS).map((model) => [model.id, model] as const))(
    '%s: decodes every quantity of its map, signed power included',
    async (_id, model) => {
      const { meter } = await makeRig(model);
      const result = await meter.read();
      if (!result.ok) throw new Error(result.error.message);
      for (const quantity of Object.keys(model.registers) as MeterQuantity[]) {
        expect(readField(result.reading, quantity), quantity).toBeCloseTo(expectedValue(model, quantity, CHARGING_SCENARIO), 1);
      }
    },
  );

  it('reads import and export energy of an SDM630 in one request', async () => {
    const { meter, server } = await makeRig(METER_MODELS['eastron-sdm630']!);
    await meter.read();
    expect(server.device.requests).toContainEqual({ fc: 4, address: 0x46, count: 6, unitId: 1 });
    expect(server.device.requests).toHaveLength(meter.readBlocks().length);
  });
});

for (const [modelId, canCorruptEnergy] of [
  ['eastron-sdm630', true],
  ['abb-b23', true],
  ['carlo-gavazzi-em340', false],
] as const) {
  powerMeterContract(
    `ModbusPowerMeter ${modelId} over ServerTCP`,
    async () => {
      const rig = await makeRig(METER_MODELS[modelId]!);
      const image = rig.server.device.image;
      return {
        meter: rig.meter,
        setEnergy: (importWh, exportWh) => writeEnergy(modelId, image, importWh / 1000, exportWh / 1000),
        corruptImportEnergy: () => void corruptImportEnergy(modelId, image),
      };
    },
    { canCorruptEnergy },
  );
}

describe('ModbusPowerMeter faults against ServerTCP (hardware.md 1.2, 1.3)', () => {
  const sdm630 = METER_MODELS['eastron-sdm630']!;

  it('reports a Modbus exception reply as kind "exception" with its code', async () => {
    const { meter, server } = await makeRig(sdm630);
    server.device.faults = { exceptionCode: 2 };
    expect(await meter.read()).toMatchObject({ ok: false, error: { kind: 'exception', exceptionCode: 2 } });
    server.device.faults = {};
    expect((await meter.read()).ok).toBe(true);
  });

  it('reports "timeout" when the meter stays silent, and reads again once it answers', async () => {
    const { meter, server } = await makeRig(sdm630, { requestTimeoutMs: 150 });
    server.device.faults = { silent: true };
    expect(await meter.read()).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    server.device.speak();
    expect((await meter.read()).ok).toBe(true);
  });

  it('reports "disconnected" when the server goes away, and reconnects with back-off once it is back', async () => {
    const clock = new FakeClock();
    const logger = new MemoryLogger();
    const { meter, server, bus } = await makeRig(sdm630, { clock, logger });
    const down = new Promise<void>((resolve) => bus.onConnectionChange((up) => !up && resolve()));
    await server.stop();
    await down;
    expect(await meter.read()).toMatchObject({ ok: false, error: { kind: 'disconnected' } });
    await server.start();
    const up = new Promise<void>((resolve) => bus.onConnectionChange((isUp) => isUp && resolve()));
    expect(await clock.runNext()).toBe(1000);
    await up;
    expect((await meter.read()).ok).toBe(true);
    expect(logger.entries.map((e) => e.message)).toEqual(expect.arrayContaining(['Modbus link lost', 'Modbus link up']));
  });

  it('serves a reads-per-second loop against ServerTCP (benchmark hook, issue 5 part 5)', async () => {
    const { meter } = await makeRig(sdm630);
    let ok = 0;
    for (let i = 0; i < 100; i += 1) if ((await meter.read()).ok) ok += 1;
    expect(ok).toBe(100);
  });
});
