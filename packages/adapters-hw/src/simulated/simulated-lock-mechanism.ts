import type { ClockPort, TimerHandle } from '@evstation/core';
import { GpioUnavailableError } from '../gpio/gpio-unavailable-error.js';
import type { GpioLevel, GpioLineOpener, GpioLinePort, GpioLineRequest } from '../gpio/gpio-line.port.js';

/** What a SimulatedLockMechanism needs. */
export interface SimulatedLockMechanismDeps {
  clock: ClockPort;
  /** Full travel time of the motor (default 400 ms, inside the default 600 ms pulse). */
  travelMs?: number;
  /** Feedback level when locked (default 1). */
  lockedLevel?: GpioLevel;
  pins: { lock: number; unlock: number; feedback: number };
}

/**
 * A motor connector lock behind an H-bridge with a feedback switch, simulated on the ClockPort: the pin moves while a
 * drive line is high, reaches its end after `travelMs`, and the test (or the simulator) can jam it, stick the
 * feedback, or force it open. Driving both H-bridge inputs at once is counted as a short circuit.
 */
export class SimulatedLockMechanism {
  /** The motor turns but the pin does not move (plug not fully inserted, broken gear). */
  jammed = false;
  /** The feedback switch reads this level whatever the pin does. */
  stuckFeedback: GpioLevel | undefined;
  /** Times both drive inputs were high together (must stay 0). */
  shortCircuits = 0;
  /** Every drive edge, for timing assertions: [monotonic ms, 'lock' | 'unlock', level]. */
  readonly driveLog: [number, 'lock' | 'unlock', GpioLevel][] = [];
  private position = 0;
  private drive = { lock: 0 as GpioLevel, unlock: 0 as GpioLevel };
  private movingSince: number | undefined;
  private arrival: TimerHandle | undefined;
  private readonly watchers = new Set<(level: GpioLevel) => void>();
  private lastFeedback: GpioLevel;
  private readonly travelMs: number;

  constructor(private readonly deps: SimulatedLockMechanismDeps) {
    this.travelMs = deps.travelMs ?? 400;
    this.lastFeedback = this.feedbackLevel();
  }

  /** Whether the pin is fully in. */
  isLocked(): boolean {
    return this.position >= 1;
  }

  /** Someone pulls the pin back by force (the lock opens by itself during charging). */
  forceOpen(): void {
    this.position = 0;
    this.notify();
  }

  /** A bounce of the feedback switch lasting `ms`. */
  bounce(ms: number): void {
    const real = this.stuckFeedback;
    this.stuckFeedback = this.feedbackLevel() === 1 ? 0 : 1;
    this.notify();
    this.deps.clock.setTimeout(() => {
      this.stuckFeedback = real;
      this.notify();
    }, ms);
  }

  /** Opens the simulated lines by pin, as OnoffGpioLine.open would the real ones. */
  readonly opener: GpioLineOpener = (request) => Promise.resolve(this.line(request));

  private line(request: GpioLineRequest): GpioLinePort {
    const { pins } = this.deps;
    const role = request.pin === pins.lock ? 'lock' : request.pin === pins.unlock ? 'unlock' : request.pin === pins.feedback ? 'feedback' : undefined;
    if (role === undefined) throw new GpioUnavailableError(request.pin, request.label, 'no such line on the simulated lock');
    return {
      read: () => Promise.resolve(role === 'feedback' ? this.feedbackLevel() : this.drive[role]),
      write: (level) => {
        if (role !== 'feedback') this.setDrive(role, level);
        return Promise.resolve();
      },
      watch: (listener) => {
        this.watchers.add(listener);
        return () => this.watchers.delete(listener);
      },
      close: () => Promise.resolve(),
    };
  }

  private feedbackLevel(): GpioLevel {
    const locked = this.deps.lockedLevel ?? 1;
    return this.stuckFeedback ?? (this.position >= 1 ? locked : locked === 1 ? 0 : 1);
  }

  private setDrive(role: 'lock' | 'unlock', level: GpioLevel): void {
    this.advance();
    this.drive[role] = level;
    this.driveLog.push([this.deps.clock.monotonicMs(), role, level]);
    if (this.drive.lock === 1 && this.drive.unlock === 1) this.shortCircuits += 1;
    this.arrival?.cancel();
    const direction = this.direction();
    if (direction === 0 || this.jammed) {
      this.movingSince = undefined;
      return;
    }
    this.movingSince = this.deps.clock.monotonicMs();
    const remaining = direction > 0 ? 1 - this.position : this.position;
    this.arrival = this.deps.clock.setTimeout(() => this.advance(), remaining * this.travelMs);
  }

  private direction(): -1 | 0 | 1 {
    if (this.drive.lock === this.drive.unlock) return 0;
    return this.drive.lock === 1 ? 1 : -1;
  }

  /** Moves the pin by the time driven since the last update. */
  private advance(): void {
    if (this.movingSince !== undefined && !this.jammed) {
      const now = this.deps.clock.monotonicMs();
      this.position = Math.min(1, Math.max(0, this.position + (this.direction() * (now - this.movingSince)) / this.travelMs));
      this.movingSince = now;
    }
    this.notify();
  }

  private notify(): void {
    const level = this.feedbackLevel();
    if (level === this.lastFeedback) return;
    this.lastFeedback = level;
    for (const watcher of this.watchers) watcher(level);
  }
}
