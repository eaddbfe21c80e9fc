import type { ChargeControllerPort } from '../ports/charge-controller.port.js';
import type { ClockPort, TimerHandle } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { EvseFacts } from './evse-facts.js';

/** What the controller was last told; undefined = unknown (at start, after a failed command): it is told again. */
export interface AppliedOutputs {
  energy?: boolean;
  limitA?: number;
  available?: boolean;
}

/** What ControllerOutputs needs. */
export interface ControllerOutputsDeps {
  clock: ClockPort;
  logger: LoggerPort;
  controller: ChargeControllerPort;
  facts: EvseFacts;
  retryMs: number;
  /** Called when a failed start or command is due to be tried again. */
  onRetry: () => void;
}

/**
 * The commands the evse-manager gives one charge controller, each sent only when it changes something. A command
 * that rejects (a dead controller) is logged, marks the EVSE faulted (facts.controllerError) and is retried on the
 * ClockPort; the first one that succeeds again clears the fault. Nothing here leaves a promise unhandled.
 */
export class ControllerOutputs {
  /** False once the EVSE stops: late commands of a running pass are dropped. */
  active = true;
  private applied: AppliedOutputs = {};
  private retryTimer: TimerHandle | undefined;

  constructor(private readonly deps: ControllerOutputsDeps) {}

  current(): Readonly<AppliedOutputs> {
    return this.applied;
  }

  /** Starts the controller; a failure is a fault retried later. */
  async start(): Promise<void> {
    const { controller, facts, logger } = this.deps;
    try {
      await controller.start();
      facts.controllerStarted = true;
      if (facts.controllerError === 'start') facts.controllerError = undefined;
    } catch (error) {
      logger.error({ err: error }, 'Charge controller did not start');
      facts.controllerError = 'start';
      this.scheduleRetry();
    }
  }

  /** Energy off: PWM off first so the EV stops drawing, then no permission, so the contactor opens without load. */
  async withdraw(): Promise<boolean> {
    const { controller } = this.deps;
    if (this.applied.limitA !== 0 && !(await this.command('setCurrentLimit(0)', () => controller.setCurrentLimit(0), { limitA: 0 }))) return false;
    return this.applied.energy === false || this.command('allowEnergy(false)', () => controller.allowEnergy(false), { energy: false });
  }

  /** G03/G04: pilot F (unavailable) or back. */
  async setAvailable(available: boolean): Promise<boolean> {
    return this.applied.available === available || this.command(`setAvailable(${available})`, () => this.deps.controller.setAvailable(available), { available });
  }

  /** Energy on: permission to close the contactor, then `limitA` offered on the pilot. */
  async offer(limitA: number): Promise<boolean> {
    const { controller } = this.deps;
    if (this.applied.energy !== true && !(await this.command('allowEnergy(true)', () => controller.allowEnergy(true), { energy: true }))) return false;
    return this.applied.limitA === limitA || this.command(`setCurrentLimit(${limitA})`, () => controller.setCurrentLimit(limitA), { limitA });
  }

  /** Calls onRetry after the retry interval (once, however often asked). */
  retryLater(): void {
    this.scheduleRetry();
  }

  cancelRetry(): void {
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
  }

  private async command(what: string, run: () => Promise<unknown>, applies: AppliedOutputs): Promise<boolean> {
    if (!this.active) return false;
    const { facts, logger } = this.deps;
    try {
      await run();
      this.applied = { ...this.applied, ...applies };
      if (facts.controllerError !== undefined && facts.controllerStarted) {
        logger.info({ command: what }, 'Charge controller answers again');
        facts.controllerError = undefined;
      }
      return true;
    } catch (error) {
      logger.error({ command: what, kind: (error as { kind?: unknown }).kind, err: error }, 'Charge controller command failed');
      facts.controllerError = what;
      this.applied = {};
      this.scheduleRetry();
      return false;
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined || !this.active) return;
    this.retryTimer = this.deps.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.active) return;
      if (this.deps.facts.controllerStarted) this.deps.onRetry();
      else void this.start().then(() => this.deps.onRetry());
    }, this.deps.retryMs);
  }
}
