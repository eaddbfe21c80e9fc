import modbusSerial from 'modbus-serial';
import { classifyModbusError, ModbusRequestError } from './modbus-request-error.js';
import type { ModbusLinkPort, ModbusReadRequest } from './modbus-link.port.js';

/** Where a bus is: Modbus TCP, or RTU on a serial line (settings always from configuration, hardware.md 4). */
export type ModbusLinkConfig =
  | { transport: 'tcp'; host: string; port: number }
  | {
      transport: 'rtu';
      path: string;
      baudRate: number;
      parity?: 'none' | 'even' | 'odd';
      dataBits?: 7 | 8;
      stopBits?: 1 | 2;
    };

/** What a ModbusSerialLink needs. */
export interface ModbusSerialLinkDeps {
  config: ModbusLinkConfig;
  /** Given to modbus-serial, whose default is to wait forever (hardware.md 1.1). */
  requestTimeoutMs: number;
}

type ModbusClient = InstanceType<typeof modbusSerial.default>;

/** Closes a client; a client whose socket or port is already gone never calls back, so it is skipped. */
function closeClient(client: ModbusClient): Promise<void> {
  if (!client.isOpen) return Promise.resolve();
  return new Promise((resolve) => {
    try {
      client.close(() => resolve());
    } catch {
      resolve();
    }
  });
}

/** A Modbus TCP or RTU link on modbus-serial; a fresh client per open() so no state survives a reconnect. */
export class ModbusSerialLink implements ModbusLinkPort {
  private client: ModbusClient | undefined;
  private readonly closeListeners: (() => void)[] = [];

  constructor(private readonly deps: ModbusSerialLinkDeps) {}

  /** A short name for logs, e.g. `tcp:127.0.0.1:502` or `rtu:/dev/ttyUSB0`. */
  get name(): string {
    const { config } = this.deps;
    return config.transport === 'tcp' ? `tcp:${config.host}:${config.port}` : `rtu:${config.path}`;
  }

  async open(): Promise<void> {
    await this.close();
    const client = new modbusSerial.default();
    client.setTimeout(this.deps.requestTimeoutMs);
    // modbus-serial re-emits port errors; without a listener an 'error' event would crash the process.
    client.on('error', () => undefined);
    try {
      const { config } = this.deps;
      if (config.transport === 'tcp') await client.connectTCP(config.host, { port: config.port });
      else {
        await client.connectRTUBuffered(config.path, {
          baudRate: config.baudRate,
          parity: config.parity ?? 'none',
          dataBits: config.dataBits ?? 8,
          stopBits: config.stopBits ?? 1,
        });
      }
    } catch (error) {
      await closeClient(client);
      const classified = classifyModbusError(error);
      throw new ModbusRequestError('disconnected', `cannot open ${this.name}: ${classified.message}`, undefined, { cause: error });
    }
    this.client = client;
    client.on('close', () => {
      if (this.client !== client) return;
      this.client = undefined;
      for (const listener of this.closeListeners) listener();
    });
  }

  async read(request: ModbusReadRequest): Promise<Uint8Array> {
    const client = this.client;
    if (client === undefined || !client.isOpen) throw new ModbusRequestError('disconnected', `${this.name} is not open`);
    client.setID(request.unitId);
    try {
      const result =
        request.fc === 3
          ? await client.readHoldingRegisters(request.address, request.count)
          : await client.readInputRegisters(request.address, request.count);
      return Uint8Array.from(result.buffer);
    } catch (error) {
      throw classifyModbusError(error);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) await closeClient(client);
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }
}
