import modbusSerial from 'modbus-serial';
import { RegisterImage } from './register-image.js';

type ValuesCallback = (err: Error | null, values: number[]) => void;
type ValueCallback = (err: Error | null, value: number) => void;

/** An error ServerTCP/ServerSerial turn into a Modbus exception reply with this code. */
function modbusException(code: number, message: string): Error {
  return Object.assign(new Error(message), { modbusErrorCode: code });
}

/** One request the server received. */
export interface ServedRequest {
  fc: 3 | 4;
  address: number;
  count: number;
  unitId: number;
}

/** Scriptable behaviour of the simulated device. */
export interface ModbusServerFaults {
  /** Answer every request with this Modbus exception code. */
  exceptionCode?: number;
  /** Do not answer until `speak()`. */
  silent?: boolean;
}

/**
 * The service vector of a simulated meter: answers FC3/FC4 from a RegisterImage, exception 2 for an unmapped
 * register (as real meters do), and scripted faults. Shared by the TCP and the RTU test servers.
 */
export class SimulatedModbusDevice {
  readonly image = new RegisterImage();
  readonly requests: ServedRequest[] = [];
  faults: ModbusServerFaults = {};
  private held: (() => void)[] = [];

  /** Answers every request held back while silent. */
  speak(): void {
    this.faults = { ...this.faults, silent: false };
    for (const release of this.held.splice(0)) release();
  }

  /** The vector to give ServerTCP / ServerSerial. */
  vector(): modbusSerial.IServiceVector {
    const many = (fc: 3 | 4) => (address: number, count: number, unitId: number, cb: ValuesCallback) => this.serve(fc, address, count, unitId, cb);
    const one = (fc: 3 | 4) => (address: number, unitId: number, cb: ValueCallback) =>
      this.serve(fc, address, 1, unitId, (err, values) => cb(err, values[0] ?? 0));
    return {
      getMultipleInputRegisters: many(4),
      getMultipleHoldingRegisters: many(3),
      getInputRegister: one(4),
      getHoldingRegister: one(3),
    };
  }

  private serve(fc: 3 | 4, address: number, count: number, unitId: number, cb: ValuesCallback): void {
    this.requests.push({ fc, address, count, unitId });
    const answer = (): void => {
      if (this.faults.exceptionCode !== undefined) {
        cb(modbusException(this.faults.exceptionCode, 'scripted exception'), []);
        return;
      }
      const values: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const word = this.image.get(fc, address + i);
        if (word === undefined) {
          cb(modbusException(2, `illegal data address ${address + i}`), []);
          return;
        }
        values.push(word);
      }
      cb(null, values);
    };
    if (this.faults.silent === true) this.held.push(answer);
    else answer();
  }
}

/** A simulated meter on Modbus TCP (modbus-serial ServerTCP on loopback) that can be stopped and restarted. */
export class ModbusTcpTestServer {
  readonly device = new SimulatedModbusDevice();
  private server: modbusSerial.ServerTCP | undefined;

  readonly port: number;

  constructor(deps: { port: number }) {
    this.port = deps.port;
  }

  /** Starts listening; resolves once the server is accepting connections. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = new modbusSerial.ServerTCP(this.device.vector(), { host: '127.0.0.1', port: this.port });
      server.on('initialized', () => resolve());
      server.on('serverError', (error) => reject(error ?? new Error('ServerTCP failed')));
      server.on('socketError', () => undefined);
      this.server = server;
    });
  }

  /** Stops listening and drops every client connection. */
  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}
