import type { ClockPort, ConnectorLockPort, LockResult, LockState, LoggerPort } from '@evstation/core';
import { GpioConnectorLock } from '../gpio/gpio-connector-lock.js';
import type { LockTiming } from '../gpio/lock-timing.js';
import { SimulatedLockMechanism } from './simulated-lock-mechanism.js';

/** What a SimulatedConnectorLock needs. */
export interface SimulatedConnectorLockDeps {
  clock: ClockPort;
  logger: LoggerPort;
  isContactorClosed: () => boolean | Promise<boolean>;
  timing?: Partial<LockTiming>;
  travelMs?: number;
}

const PINS = { lock: 1, unlock: 2, feedback: 3 };

/**
 * The connector lock of the simulator: the real GpioConnectorLock logic driving a SimulatedLockMechanism, so the
 * simulator shows real lock timing and failures; `mechanism` is the scripting handle (jam, force open, stuck feedback).
 */
export class SimulatedConnectorLock implements ConnectorLockPort {
  readonly mechanism: SimulatedLockMechanism;
  private readonly inner: GpioConnectorLock;

  constructor(deps: SimulatedConnectorLockDeps) {
    this.mechanism = new SimulatedLockMechanism({ clock: deps.clock, pins: PINS, ...(deps.travelMs === undefined ? {} : { travelMs: deps.travelMs }) });
    this.inner = new GpioConnectorLock({
      clock: deps.clock,
      logger: deps.logger,
      openLine: this.mechanism.opener,
      pins: PINS,
      isContactorClosed: deps.isContactorClosed,
      ...(deps.timing === undefined ? {} : { timing: deps.timing }),
    });
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  lock(): Promise<LockResult> {
    return this.inner.lock();
  }

  unlock(): Promise<LockResult> {
    return this.inner.unlock();
  }

  state(): LockState {
    return this.inner.state();
  }

  onUnexpectedChange(listener: (state: LockState) => void): () => void {
    return this.inner.onUnexpectedChange(listener);
  }
}
