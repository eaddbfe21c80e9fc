import type { ClockPort, TimerHandle } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';

/** G02: sends a Heartbeat every HeartbeatInterval seconds while the station is Accepted and connected. */
export class HeartbeatScheduler {
  private timer: TimerHandle | undefined;
  private intervalS = 0;

  constructor(
    private readonly deps: { clock: ClockPort; logger: LoggerPort; sendHeartbeat: () => Promise<void> },
  ) {}

  /** (Re)starts with this interval; 0 or less stops heartbeats. */
  start(intervalS: number): void {
    this.stop();
    this.intervalS = intervalS;
    if (intervalS > 0) this.schedule();
  }

  /** Stops heartbeats. */
  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = this.deps.clock.setTimeout(() => {
      this.deps.sendHeartbeat().catch((error: unknown) => this.deps.logger.info({ err: error }, 'Heartbeat not answered'));
      this.schedule();
    }, this.intervalS * 1000);
  }
}
