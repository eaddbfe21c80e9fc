import type { ClockPort, ConnectorLockPort, LockResult, LockState, LoggerPort, TimerHandle } from '@evstation/core';
import type { GpioLevel, GpioLineOpener, GpioLinePort } from './gpio-line.port.js';
import { DEFAULT_LOCK_TIMING, type LockTiming } from './lock-timing.js';

/** What a GpioConnectorLock needs. */
export interface GpioConnectorLockDeps {
  clock: ClockPort;
  logger: LoggerPort;
  /** OnoffGpioLine.open on a board; a simulated mechanism's opener in tests and in the simulator. */
  openLine: GpioLineOpener;
  /** H-bridge inputs (A = lock, B = unlock; never both on) and the feedback switch. */
  pins: { lock: number; unlock: number; feedback: number };
  /** Feedback level that means "locked" (differs between motor and solenoid locks). Default 1. */
  lockedLevel?: GpioLevel;
  timing?: Partial<LockTiming>;
  /** Whether the contactor is closed now; unlock is refused while it is (hardware.md 6.2). */
  isContactorClosed: () => boolean | Promise<boolean>;
}

interface Lines {
  lock: GpioLinePort;
  unlock: GpioLinePort;
  feedback: GpioLinePort;
}

/**
 * A connector lock on three GPIO lines (G05, hardware.md 6): pulse the H-bridge, settle, read the feedback, retry,
 * report failure; never unlock while the contactor is closed; report a feedback change nobody commanded (the lock
 * opening by itself during charging). Pure logic over GpioLinePort and ClockPort.
 */
export class GpioConnectorLock implements ConnectorLockPort {
  private readonly timing: LockTiming;
  private lines: Lines | undefined;
  private current: LockState = 'unknown';
  private busy: Promise<unknown> = Promise.resolve();
  private commanding = false;
  private unwatch: (() => void) | undefined;
  private debounce: TimerHandle | undefined;
  private readonly listeners = new Set<(state: LockState) => void>();

  constructor(private readonly deps: GpioConnectorLockDeps) {
    this.timing = { ...DEFAULT_LOCK_TIMING, ...deps.timing };
  }

  /** Acquires the lines (rejects naming the pin when GPIO is absent) and reads where the lock is. */
  async start(): Promise<void> {
    const opened: GpioLinePort[] = [];
    const open = async (pin: number, direction: 'in' | 'out', label: string): Promise<GpioLinePort> => {
      const line = await this.deps.openLine({ pin, direction, label });
      opened.push(line);
      return line;
    };
    try {
      const { pins } = this.deps;
      const lines = { lock: await open(pins.lock, 'out', 'lock drive A'), unlock: await open(pins.unlock, 'out', 'lock drive B'), feedback: await open(pins.feedback, 'in', 'lock feedback') };
      await lines.lock.write(0);
      await lines.unlock.write(0);
      this.lines = lines;
      this.current = await this.readState();
      this.unwatch = lines.feedback.watch(() => this.feedbackChanged());
    } catch (error) {
      await Promise.all(opened.map((line) => line.close()));
      this.lines = undefined;
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.unwatch?.();
    this.debounce?.cancel();
    const lines = this.lines;
    this.lines = undefined;
    if (lines === undefined) return;
    await lines.lock.write(0);
    await lines.unlock.write(0);
    await Promise.all([lines.lock.close(), lines.unlock.close(), lines.feedback.close()]);
  }

  lock(): Promise<LockResult> {
    return this.exclusive(() => this.move('locked'));
  }

  unlock(): Promise<LockResult> {
    return this.exclusive(() => this.move('unlocked'));
  }

  state(): LockState {
    return this.current;
  }

  onUnexpectedChange(listener: (state: LockState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private exclusive(operation: () => Promise<LockResult>): Promise<LockResult> {
    const run = this.busy.then(async () => {
      this.commanding = true;
      try {
        return await operation();
      } finally {
        this.commanding = false;
      }
    });
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async move(target: 'locked' | 'unlocked'): Promise<LockResult> {
    const lines = this.lines;
    if (lines === undefined) return { ok: false, state: 'unknown', reason: 'Hardware', detail: 'the lock has not been started' };
    const [drive, other] = target === 'locked' ? [lines.lock, lines.unlock] : [lines.unlock, lines.lock];
    try {
      for (let attempt = 0; attempt <= this.timing.retries; attempt += 1) {
        // Checked before every pulse: the contactor may have closed while a retry was pending.
        if (target === 'unlocked' && (await this.deps.isContactorClosed())) {
          return { ok: false, state: this.current, reason: 'ContactorClosed', detail: 'refusing to unlock while the contactor is closed' };
        }
        if (attempt > 0) this.deps.logger.warn({ target, attempt }, 'Connector lock did not reach its position: retrying');
        await other.write(0);
        await drive.write(1);
        try {
          await this.wait(this.timing.pulseMs);
        } finally {
          await drive.write(0);
        }
        await this.wait(this.timing.settleMs);
        this.current = await this.readState();
        if (this.current === target) return { ok: true, state: target };
        if (attempt < this.timing.retries) await this.wait(this.timing.retryPauseMs);
      }
    } catch (error) {
      await Promise.allSettled([lines.lock.write(0), lines.unlock.write(0)]);
      this.current = 'unknown';
      this.deps.logger.error({ err: error }, 'Connector lock hardware failed');
      return { ok: false, state: 'unknown', reason: 'Hardware', detail: error instanceof Error ? error.message : String(error) };
    }
    const detail = `feedback still reads ${this.current} after ${this.timing.retries + 1} pulses`;
    this.deps.logger.error({ target }, `Connector lock failed: ${detail}`);
    return { ok: false, state: this.current, reason: 'FeedbackTimeout', detail };
  }

  private async readState(): Promise<LockState> {
    const level = await this.lines?.feedback.read();
    if (level === undefined) return 'unknown';
    return level === (this.deps.lockedLevel ?? 1) ? 'locked' : 'unlocked';
  }

  private feedbackChanged(): void {
    if (this.commanding) return;
    this.debounce?.cancel();
    this.debounce = this.deps.clock.setTimeout(() => {
      this.debounce = undefined;
      if (this.commanding) return;
      void this.readState().then((state) => {
        if (state === this.current || this.commanding) return;
        this.current = state;
        this.deps.logger.warn({ state }, 'Connector lock moved without a command');
        for (const listener of this.listeners) listener(state);
      });
    }, this.timing.debounceMs);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.deps.clock.setTimeout(resolve, ms));
  }
}
