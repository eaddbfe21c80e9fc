import type { ClockPort, TimerHandle } from '@evstation/core';

/** What the link monitor needs from the open connection. */
export interface MonitoredLink {
  ping(): void;
  /** Called when no frame arrived during a whole ping interval. */
  onDead(): void;
}

/**
 * Dead-link detection (OCPPCommCtrlr.WebSocketPingInterval, R11): sends a ping every interval; when neither a pong
 * nor any other frame arrived by the next ping, the link is declared dead (so within 2 intervals). Uses ClockPort.
 */
export class LinkMonitor {
  private timer: TimerHandle | undefined;
  private heardSinceLastPing = true;

  constructor(
    private readonly clock: ClockPort,
    private readonly intervalMs: number,
    private readonly link: MonitoredLink,
  ) {}

  /** Starts pinging; does nothing when the interval is 0 (pings disabled). */
  start(): void {
    if (this.intervalMs <= 0) return;
    this.heardSinceLastPing = true;
    this.schedule();
  }

  /** Records that a frame (pong, ping or message) arrived. */
  heard(): void {
    this.heardSinceLastPing = true;
  }

  /** Stops pinging and cancels the pending timer. */
  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => this.tick(), this.intervalMs);
  }

  private tick(): void {
    this.timer = undefined;
    if (!this.heardSinceLastPing) {
      this.link.onDead();
      return;
    }
    this.heardSinceLastPing = false;
    this.link.ping();
    this.schedule();
  }
}
