import type { ClockPort, LoggerPort, TimerHandle } from '@evstation/core';
import type { SerialStreamPort } from './serial-stream.port.js';

/** What a SerialLinkSupervisor needs: the stream, its timing, and the protocol's hooks. */
export interface SerialLinkSupervisorDeps {
  clock: ClockPort;
  logger: LoggerPort;
  stream: SerialStreamPort;
  pollIntervalMs: number;
  /** Polls without answer before the link counts as lost. */
  missedPollsForLinkLoss: number;
  /** Reopen delays after the stream was lost: initial, doubling up to max. */
  reopenBackOff: { initialMs: number; maxMs: number };
  /** The stream opened: the protocol may use it. */
  attach(): void;
  /** The stream is gone or closing: the protocol fails what it has in flight. */
  detach(reason: string): void;
  /** Runs after every (re)open; rejects when the device does not answer properly. */
  handshake(): Promise<void>;
  /** One keep-alive exchange; rejects when unanswered. */
  poll(): Promise<void>;
  /** The link came up or went down. */
  linkChanged(up: boolean, reason: string): void;
}

/**
 * Keeps a serial device link alive (hardware.md 2.2): a dead peer is silent, so a periodic poll is the keep-alive and
 * N missed polls mean the link is lost; a lost stream (EIO after unplug) is reopened with back-off and re-handshaken.
 * Every timer runs on the ClockPort.
 */
export class SerialLinkSupervisor {
  private started = false;
  private streamOpen = false;
  private up = false;
  private missed = 0;
  private attempt = 0;
  private pollTimer: TimerHandle | undefined;
  private reopenTimer: TimerHandle | undefined;

  constructor(private readonly deps: SerialLinkSupervisorDeps) {
    deps.stream.onLost((reason) => this.lost(reason));
  }

  /** Opens and handshakes once; rejects (with the stream closed) when that fails. Then supervises until stop(). */
  async start(): Promise<void> {
    if (this.started) return;
    await this.open();
    this.started = true;
    this.setUp(true, 'started');
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.pollTimer?.cancel();
    this.reopenTimer?.cancel();
    await this.close('stopped');
  }

  isStarted(): boolean {
    return this.started;
  }

  isUp(): boolean {
    return this.up;
  }

  private async open(): Promise<void> {
    await this.deps.stream.open();
    this.streamOpen = true;
    this.deps.attach();
    try {
      await this.deps.handshake();
    } catch (error) {
      await this.close('handshake failed');
      throw error;
    }
  }

  private async close(reason: string): Promise<void> {
    this.streamOpen = false;
    this.deps.detach(reason);
    await this.deps.stream.close();
  }

  private schedulePoll(): void {
    this.pollTimer = this.deps.clock.setTimeout(() => void this.poll(), this.deps.pollIntervalMs);
  }

  private async poll(): Promise<void> {
    if (!this.started || !this.streamOpen) return;
    try {
      await this.deps.poll();
      this.missed = 0;
      if (!this.up) this.setUp(true, 'poll answered');
    } catch (error) {
      this.missed += 1;
      this.deps.logger.debug({ err: error, missed: this.missed }, 'Keep-alive poll failed');
      if (this.missed >= this.deps.missedPollsForLinkLoss && this.up) this.setUp(false, `no reply to ${this.missed} polls`);
    }
    if (this.started && this.streamOpen) this.schedulePoll();
  }

  private lost(reason: string): void {
    if (!this.streamOpen) return;
    this.streamOpen = false;
    this.pollTimer?.cancel();
    this.deps.detach(reason);
    if (this.up) this.setUp(false, reason);
    if (this.started) this.scheduleReopen();
  }

  private scheduleReopen(): void {
    const { initialMs, maxMs } = this.deps.reopenBackOff;
    const delay = Math.min(maxMs, initialMs * 2 ** this.attempt);
    this.attempt += 1;
    this.reopenTimer = this.deps.clock.setTimeout(() => void this.reopen(), delay);
  }

  private async reopen(): Promise<void> {
    if (!this.started) return;
    try {
      await this.open();
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'Serial device reopen failed');
      if (this.started) this.scheduleReopen();
      return;
    }
    this.setUp(true, 'reopened');
    this.schedulePoll();
  }

  private setUp(up: boolean, reason: string): void {
    this.up = up;
    if (up) {
      this.missed = 0;
      this.attempt = 0;
    }
    this.deps.logger[up ? 'info' : 'warn']({ reason }, up ? 'Controller link up' : 'Controller link lost');
    this.deps.linkChanged(up, reason);
  }
}
