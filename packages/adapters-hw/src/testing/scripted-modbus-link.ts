import type { ModbusLinkPort, ModbusReadRequest } from '../modbus/modbus-link.port.js';
import { ModbusRequestError } from '../modbus/modbus-request-error.js';

interface PendingRead {
  request: ModbusReadRequest;
  resolve: (bytes: Uint8Array) => void;
  reject: (error: unknown) => void;
}

/**
 * A Modbus link the test plays the device side of: reads wait until the test answers them, opens succeed or fail as
 * scripted, and the link can be dropped. It records how many reads were ever in flight at once.
 */
export class ScriptedModbusLink implements ModbusLinkPort {
  /** Outcome of each coming open(); an empty script means success. */
  readonly openScript: ('ok' | 'refused')[] = [];
  readonly pending: PendingRead[] = [];
  opens = 0;
  closes = 0;
  maxInFlight = 0;
  private readonly closeListeners: (() => void)[] = [];

  open(): Promise<void> {
    this.opens += 1;
    const outcome = this.openScript.shift() ?? 'ok';
    return outcome === 'ok' ? Promise.resolve() : Promise.reject(new ModbusRequestError('disconnected', 'connection refused'));
  }

  read(request: ModbusReadRequest): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      this.maxInFlight = Math.max(this.maxInFlight, this.pending.length);
    });
  }

  close(): Promise<void> {
    this.closes += 1;
    return Promise.resolve();
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** Answers the oldest read with these register words. */
  answer(words: readonly number[]): ModbusReadRequest {
    const read = this.take();
    const bytes = new Uint8Array(words.length * 2);
    words.forEach((word, i) => {
      bytes[i * 2] = word >> 8;
      bytes[i * 2 + 1] = word & 0xff;
    });
    read.resolve(bytes);
    return read.request;
  }

  /** Fails the oldest read with whatever a library would throw. */
  fail(error: unknown): ModbusReadRequest {
    const read = this.take();
    read.reject(error);
    return read.request;
  }

  /** The peer drops the link. */
  drop(): void {
    for (const listener of this.closeListeners) listener();
  }

  private take(): PendingRead {
    const read = this.pending.shift();
    if (read === undefined) throw new Error('ScriptedModbusLink: no read is waiting');
    return read;
  }
}
