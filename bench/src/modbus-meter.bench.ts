import { createServer } from 'node:net';
import modbusSerial from 'modbus-serial';
import { silentLogger } from '@evstation/core';
import { EASTRON_SDM630, ModbusBus, ModbusPowerMeter, ModbusSerialLink, SystemClock, type MeterModel, type ReadBlock } from '@evstation/adapters-hw';

type ModbusClient = InstanceType<typeof modbusSerial.default>;
type ValuesCallback = (err: Error | null, values: number[]) => void;
type ValueCallback = (err: Error | null, value: number) => void;

/** One register request as the server saw it. */
export interface ServedRequest {
  fc: 3 | 4;
  address: number;
  count: number;
  unitId: number;
}

/** Result of one timed loop of full meter readings. */
export interface MeterReadRate {
  reads: number;
  failed: number;
  seconds: number;
  readsPerSecond: number;
}

/** Both sides of the Modbus section, measured against the same server in the same run. */
export interface ModbusMeterResult {
  model: MeterModel;
  /** The requests one reading takes, from the adapter's read plan. */
  plan: readonly ReadBlock[];
  /** What the server received for one adapter reading and for one raw reading (should be equal, and equal to plan). */
  served: { ours: ServedRequest[]; raw: ServedRequest[] };
  raw: MeterReadRate;
  ours: MeterReadRate;
}

const requestTimeoutMs = 1000;
const unitId = 1;

/** Finds a free TCP port on loopback (ServerTCP treats port 0 as 502). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** An SDM630 register image (FC4, float32 high word first, energy in kWh): a three-phase charging session. */
function sdm630Image(): Map<number, number> {
  const words = new Map<number, number>();
  const float = (address: number, value: number): void => {
    const bytes = Buffer.alloc(4);
    bytes.writeFloatBE(value);
    words.set(address, bytes.readUInt16BE(0)).set(address + 1, bytes.readUInt16BE(2));
  };
  [230.1, 231.2, 229.8].forEach((v, i) => float(0x00 + 2 * i, v));
  [15.25, 15.5, 0.75].forEach((a, i) => float(0x06 + 2 * i, a));
  [3500.5, 3580.5, -120.5].forEach((w, i) => float(0x0c + 2 * i, w));
  float(0x34, 6960.5);
  float(0x46, 50.01);
  float(0x48, 1234.5);
  float(0x4a, 12.3);
  [600.1, 620.2, 14.2].forEach((kwh, i) => float(0x15a + 2 * i, kwh));
  return words;
}

/** modbus-serial's ServerTCP on loopback serving FC4 from `image`; exception 2 for an unmapped register, as meters do. */
class ImageServer {
  readonly requests: ServedRequest[] = [];
  recording = false;
  private server: modbusSerial.ServerTCP | undefined;

  private constructor(
    private readonly image: ReadonlyMap<number, number>,
    readonly port: number,
  ) {}

  static async start(image: ReadonlyMap<number, number>): Promise<ImageServer> {
    const served = new ImageServer(image, await freePort());
    await new Promise<void>((resolve, reject) => {
      const server = new modbusSerial.ServerTCP(served.vector(), { host: '127.0.0.1', port: served.port });
      server.on('initialized', () => resolve());
      server.on('serverError', (error) => reject(error ?? new Error('ServerTCP failed')));
      server.on('socketError', () => undefined);
      served.server = server;
    });
    return served;
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return server === undefined ? Promise.resolve() : new Promise((resolve) => server.close(() => resolve()));
  }

  private vector(): modbusSerial.IServiceVector {
    const many = (fc: 3 | 4) => (address: number, count: number, unit: number, cb: ValuesCallback) => this.serve(fc, address, count, unit, cb);
    const one = (fc: 3 | 4) => (address: number, unit: number, cb: ValueCallback) => this.serve(fc, address, 1, unit, (err, values) => cb(err, values[0] ?? 0));
    return { getMultipleInputRegisters: many(4), getMultipleHoldingRegisters: many(3), getInputRegister: one(4), getHoldingRegister: one(3) };
  }

  private serve(fc: 3 | 4, address: number, count: number, unit: number, cb: ValuesCallback): void {
    if (this.recording) this.requests.push({ fc, address, count, unitId: unit });
    const values: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const word = fc === 4 ? this.image.get(address + i) : undefined;
      if (word === undefined) {
        cb(Object.assign(new Error(`illegal data address ${address + i}`), { modbusErrorCode: 2 }), []);
        return;
      }
      values.push(word);
    }
    cb(null, values);
  }

  /** The requests `action` makes, as this server receives them. */
  async record(action: () => Promise<unknown>): Promise<ServedRequest[]> {
    this.requests.length = 0;
    this.recording = true;
    try {
      await action();
    } finally {
      this.recording = false;
    }
    return this.requests.splice(0);
  }
}

/** Calls `read` back to back for `seconds`; `read` resolves false for a failed reading. */
async function readFor(seconds: number, read: () => Promise<boolean>): Promise<MeterReadRate> {
  let reads = 0;
  let failed = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    if (!(await read())) failed += 1;
    reads += 1;
    now = performance.now();
  }
  const elapsed = (now - start) / 1000;
  return { reads, failed, seconds: elapsed, readsPerSecond: reads / elapsed };
}

/** Baseline: a bare modbus-serial TCP client issuing the adapter's requests for one reading, no bus, no decoding. */
async function rawClient(port: number, plan: readonly ReadBlock[]): Promise<{ read: () => Promise<boolean>; close: () => Promise<void> }> {
  const client: ModbusClient = new modbusSerial.default();
  client.setTimeout(requestTimeoutMs);
  client.on('error', () => undefined);
  await client.connectTCP('127.0.0.1', { port });
  client.setID(unitId);
  const read = async (): Promise<boolean> => {
    for (const block of plan) {
      if (block.fc === 3) await client.readHoldingRegisters(block.address, block.count);
      else await client.readInputRegisters(block.address, block.count);
    }
    return true;
  };
  const close = (): Promise<void> => (client.isOpen ? new Promise((resolve) => client.close(() => resolve())) : Promise.resolve());
  return { read, close };
}

/** Ours: ModbusPowerMeter on a ModbusBus over a ModbusSerialLink (TCP), as the station wires a meter. */
async function ourMeter(port: number, model: MeterModel): Promise<{ meter: ModbusPowerMeter; close: () => Promise<void> }> {
  const clock = new SystemClock();
  const link = new ModbusSerialLink({ config: { transport: 'tcp', host: '127.0.0.1', port }, requestTimeoutMs });
  const bus = new ModbusBus({ clock, logger: silentLogger, link, name: link.name, requestTimeoutMs });
  if (!(await bus.start())) throw new Error(`cannot connect to ServerTCP on ${link.name}`);
  return { meter: new ModbusPowerMeter({ clock, logger: silentLogger, bus, unitId, model }), close: () => bus.stop() };
}

/**
 * Full meter readings per second for an Eastron SDM630 over Modbus TCP (modbus-serial ServerTCP on loopback):
 * ModbusPowerMeter.read() against a bare modbus-serial client making the same requests, `seconds` of sequential
 * reads each after a short warm-up of both.
 */
export async function modbusMeterReads(seconds = 3): Promise<ModbusMeterResult> {
  const model = EASTRON_SDM630;
  const server = await ImageServer.start(sdm630Image());
  try {
    const ours = await ourMeter(server.port, model);
    try {
      const plan = ours.meter.readBlocks();
      const raw = await rawClient(server.port, plan);
      try {
        const oursRead = async (): Promise<boolean> => (await ours.meter.read()).ok;
        const served = { ours: await server.record(oursRead), raw: await server.record(raw.read) };
        const warmUp = Math.min(0.3, seconds / 10);
        await readFor(warmUp, raw.read);
        await readFor(warmUp, oursRead);
        const rawRate = await readFor(seconds, raw.read);
        const oursRate = await readFor(seconds, oursRead);
        return { model, plan, served, raw: rawRate, ours: oursRate };
      } finally {
        await raw.close();
      }
    } finally {
      await ours.close();
    }
  } finally {
    await server.close();
  }
}
