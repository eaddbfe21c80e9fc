import { SerialPort, SerialPortMock } from 'serialport';
import type { SerialStreamPort } from './serial-stream.port.js';

/** Where a serial device is and how fast it talks. */
export interface SerialportStreamDeps {
  path: string;
  baudRate: number;
  /** 'mock' opens through @serialport/binding-mock (unit tests); default is the native binding. */
  binding?: 'native' | 'mock';
}

type Port = SerialPort | SerialPortMock;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A SerialStreamPort on the `serialport` library. A fresh port object per open(), so a reopen after EIO starts clean;
 * the device path is taken from configuration (never `SerialPort.list()`, which needs udevadm, hardware.md 2).
 */
export class SerialportStream implements SerialStreamPort {
  private port: Port | undefined;
  private readonly dataListeners: ((text: string) => void)[] = [];
  private readonly lostListeners: ((reason: string) => void)[] = [];

  constructor(private readonly deps: SerialportStreamDeps) {}

  async open(): Promise<void> {
    await this.close();
    const options = { path: this.deps.path, baudRate: this.deps.baudRate, autoOpen: false };
    const port: Port = this.deps.binding === 'mock' ? new SerialPortMock(options) : new SerialPort(options);
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(new Error(`cannot open serial device ${this.deps.path}: ${error.message}`)) : resolve())),
    );
    port.setEncoding('latin1');
    port.on('data', (text: string) => {
      for (const listener of this.dataListeners) listener(text);
    });
    let lost = false;
    const onLost = (reason: string): void => {
      if (lost || this.port !== port) return;
      lost = true;
      this.port = undefined;
      for (const listener of this.lostListeners) listener(reason);
    };
    port.on('error', (error: Error) => onLost(`${this.deps.path}: ${error.message}`));
    port.on('close', () => onLost(`${this.deps.path} closed`));
    this.port = port;
  }

  write(text: string): Promise<void> {
    const port = this.port;
    if (port === undefined) return Promise.reject(new Error(`serial device ${this.deps.path} is not open`));
    return new Promise((resolve, reject) => {
      port.write(text, 'latin1', (error) => (error ? reject(new Error(`write to ${this.deps.path} failed: ${errorMessage(error)}`)) : resolve()));
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port === undefined || !port.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  onData(listener: (text: string) => void): void {
    this.dataListeners.push(listener);
  }

  onLost(listener: (reason: string) => void): void {
    this.lostListeners.push(listener);
  }
}
