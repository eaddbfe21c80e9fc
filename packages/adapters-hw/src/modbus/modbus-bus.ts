import type { ClockPort, LoggerPort, TimerHandle } from '@evstation/core';
import { classifyModbusError, ModbusRequestError } from './modbus-request-error.js';
import type { ModbusLinkPort, ModbusReadRequest } from './modbus-link.port.js';

/** Anything that reads registers (a ModbusBus in production, a fake in unit tests). */
export interface ModbusRegisterReader {
  /** Reads registers; rejects with a ModbusRequestError. */
  read(request: ModbusReadRequest): Promise<Uint8Array>;
}

/** Reconnect delays: `initialMs`, doubling up to `maxMs`. */
export interface ModbusBackOff {
  initialMs: number;
  maxMs: number;
}

/** What a ModbusBus needs. */
export interface ModbusBusDeps {
  clock: ClockPort;
  logger: LoggerPort;
  link: ModbusLinkPort;
  /** Names the bus in logs and errors. */
  name: string;
  /** Per request; the caller gets 'timeout' after this (default 1000 ms). */
  requestTimeoutMs?: number;
  /** Per connection attempt (default 5000 ms). */
  openTimeoutMs?: number;
  backOff?: ModbusBackOff;
}

type BusState = 'stopped' | 'connecting' | 'connected' | 'waiting';

/**
 * One physical Modbus bus shared by every meter on it (hardware.md 1.3): requests run one at a time in order (parallel
 * RTU requests fail), each with an explicit timeout on the ClockPort; a dropped link is reopened with back-off.
 */
export class ModbusBus implements ModbusRegisterReader {
  private state: BusState = 'stopped';
  private queue: Promise<void> = Promise.resolve();
  private attempt = 0;
  private reconnectTimer: TimerHandle | undefined;
  private readonly listeners = new Set<(connected: boolean) => void>();
  private readonly requestTimeoutMs: number;
  private readonly backOff: ModbusBackOff;

  constructor(private readonly deps: ModbusBusDeps) {
    this.requestTimeoutMs = deps.requestTimeoutMs ?? 1000;
    this.backOff = deps.backOff ?? { initialMs: 1000, maxMs: 30_000 };
    deps.link.onClose(() => this.linkLost('link closed by the peer'));
  }

  /** Opens the link; when that fails it keeps retrying with back-off. Resolves after the first attempt with its outcome. */
  async start(): Promise<boolean> {
    if (this.state !== 'stopped') return this.isConnected();
    await this.connect();
    return this.isConnected();
  }

  /** Stops reconnecting and closes the link; queued requests fail with 'disconnected'. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    this.reconnectTimer?.cancel();
    this.reconnectTimer = undefined;
    await this.deps.link.close();
  }

  isConnected(): boolean {
    return this.state === 'connected';
  }

  /** Subscribes to link up/down; returns the unsubscribe function. */
  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  read(request: ModbusReadRequest): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.queue = this.queue.then(() => this.execute(request, resolve, reject));
    });
  }

  /** Runs one request; resolves when the bus is free for the next one (the library has settled, or was reset). */
  private async execute(request: ModbusReadRequest, resolve: (bytes: Uint8Array) => void, reject: (error: Error) => void): Promise<void> {
    if (this.state !== 'connected') {
      reject(new ModbusRequestError('disconnected', `${this.deps.name} is not connected`));
      return;
    }
    let answered = false;
    const answer = (settle: () => void): void => {
      if (answered) return;
      answered = true;
      settle();
    };
    const timeout = this.deps.clock.setTimeout(
      () => answer(() => reject(new ModbusRequestError('timeout', `unit ${request.unitId} on ${this.deps.name} gave no answer within ${this.requestTimeoutMs} ms`))),
      this.requestTimeoutMs,
    );
    const settled = this.deps.link.read(request).then(
      (bytes) => answer(() => resolve(bytes)),
      (error: unknown) => {
        const classified = classifyModbusError(error);
        answer(() => reject(classified));
        if (classified.kind === 'disconnected') this.linkLost(classified.message);
      },
    );
    // The library times out by itself; should it never settle, the link is reset rather than the bus blocked for good.
    let guard: TimerHandle | undefined;
    const stuck = new Promise<'stuck'>((done) => {
      guard = this.deps.clock.setTimeout(() => done('stuck'), this.requestTimeoutMs * 2);
    });
    const outcome = await Promise.race([settled, stuck]);
    timeout.cancel();
    guard?.cancel();
    if (outcome === 'stuck') this.linkLost('a request never settled');
  }

  private async connect(): Promise<void> {
    this.state = 'connecting';
    let timer: TimerHandle | undefined;
    const timedOut = new Promise<Error>((done) => {
      timer = this.deps.clock.setTimeout(() => done(new Error(`no connection within ${this.deps.openTimeoutMs ?? 5000} ms`)), this.deps.openTimeoutMs ?? 5000);
    });
    const failure = await Promise.race([this.deps.link.open().then(() => undefined, (error: unknown) => error), timedOut]);
    timer?.cancel();
    if ((this.state as BusState) === 'stopped') {
      await this.deps.link.close();
      return;
    }
    if (failure === undefined) {
      this.state = 'connected';
      this.attempt = 0;
      this.deps.logger.info({ bus: this.deps.name }, 'Modbus link up');
      this.emit(true);
      return;
    }
    await this.deps.link.close();
    this.deps.logger.warn({ bus: this.deps.name, err: failure }, 'Modbus link could not be opened');
    this.scheduleReconnect();
  }

  private linkLost(reason: string): void {
    if (this.state !== 'connected') return;
    this.state = 'waiting';
    this.deps.logger.warn({ bus: this.deps.name, reason }, 'Modbus link lost');
    this.emit(false);
    void this.deps.link.close();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.state = 'waiting';
    const delay = Math.min(this.backOff.maxMs, this.backOff.initialMs * 2 ** this.attempt);
    this.attempt += 1;
    this.deps.logger.debug({ bus: this.deps.name, delayMs: delay }, 'Modbus reconnect scheduled');
    this.reconnectTimer = this.deps.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delay);
  }

  private emit(connected: boolean): void {
    for (const listener of this.listeners) listener(connected);
  }
}
