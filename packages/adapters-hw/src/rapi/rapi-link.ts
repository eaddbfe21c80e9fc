import type { ClockPort, LoggerPort, TimerHandle } from '@evstation/core';
import type { SerialStreamPort } from '../serial/serial-stream.port.js';
import { ControllerCommandError } from '../controller/controller-command-error.js';
import { encodeRapiFrame, parseRapiFrame, type RapiFrame } from './rapi-frame.js';

/** A reply to one command: `$OK ...` (ok) or `$NK ...`. */
export interface RapiReply {
  ok: boolean;
  params: string[];
}

/** What a RapiLink needs. */
export interface RapiLinkDeps {
  clock: ClockPort;
  logger: LoggerPort;
  stream: SerialStreamPort;
  commandTimeoutMs: number;
}

interface Command {
  head: string;
  params: readonly (string | number)[];
  resolve: (reply: RapiReply) => void;
  reject: (error: Error) => void;
}

interface InFlight extends Command {
  sequenceId: number;
  timer: TimerHandle;
}

/**
 * RAPI request/response over a serial stream: one command in flight, each tagged with a sequence id so a late reply
 * to a timed-out command is never taken for the next one; async notifications (`$AT`, `$AB`) go to their listener.
 */
export class RapiLink {
  private buffer = '';
  private sequence = 0;
  private inFlight: InFlight | undefined;
  private readonly waiting: Command[] = [];
  private open = false;
  private readonly asyncListeners: ((frame: RapiFrame) => void)[] = [];

  constructor(private readonly deps: RapiLinkDeps) {
    deps.stream.onData((text) => this.receive(text));
  }

  /** Subscribes to notifications the controller sends by itself. */
  onAsync(listener: (frame: RapiFrame) => void): void {
    this.asyncListeners.push(listener);
  }

  /** Marks the stream usable (after it opened). */
  attach(): void {
    this.buffer = '';
    this.open = true;
  }

  /** Marks the stream gone: every command in flight or waiting fails with 'link-down'. */
  detach(reason: string): void {
    this.open = false;
    const failed = [...(this.inFlight === undefined ? [] : [this.inFlight]), ...this.waiting.splice(0)];
    this.inFlight?.timer.cancel();
    this.inFlight = undefined;
    for (const command of failed) command.reject(new ControllerCommandError('link-down', `${command.head} not answered: ${reason}`));
  }

  /** Sends one command; resolves with its reply, rejects with ControllerCommandError 'timeout' or 'link-down'. */
  send(head: string, params: readonly (string | number)[] = []): Promise<RapiReply> {
    if (!this.open) return Promise.reject(new ControllerCommandError('link-down', `${head}: the controller link is down`));
    return new Promise((resolve, reject) => {
      this.waiting.push({ head, params, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.inFlight !== undefined) return;
    const next = this.waiting.shift();
    if (next === undefined) return;
    this.sequence = (this.sequence % 255) + 1;
    const sequenceId = this.sequence;
    const timer = this.deps.clock.setTimeout(() => this.finish(sequenceId, () => next.reject(new ControllerCommandError('timeout', `${next.head}: no reply within ${this.deps.commandTimeoutMs} ms`))), this.deps.commandTimeoutMs);
    this.inFlight = { ...next, sequenceId, timer };
    const frame = encodeRapiFrame(next.head, next.params, sequenceId);
    this.deps.logger.trace({ frame: frame.trimEnd() }, 'RAPI out');
    this.deps.stream.write(frame).catch((error: unknown) => {
      this.finish(sequenceId, () => next.reject(new ControllerCommandError('link-down', `${next.head}: ${error instanceof Error ? error.message : String(error)}`)));
    });
  }

  private finish(sequenceId: number, settle: () => void): void {
    if (this.inFlight?.sequenceId !== sequenceId) return;
    this.inFlight.timer.cancel();
    this.inFlight = undefined;
    settle();
    this.pump();
  }

  private receive(text: string): void {
    this.buffer += text;
    const lines = this.buffer.split(/[\r\n]/);
    this.buffer = lines.pop() ?? '';
    if (this.buffer.length > 512) this.buffer = this.buffer.slice(-512);
    for (const line of lines) {
      if (line.trim() === '') continue;
      const frame = parseRapiFrame(line);
      if (typeof frame === 'string') {
        this.deps.logger.warn({ line, reason: frame }, 'RAPI frame dropped');
        continue;
      }
      this.deps.logger.trace({ frame: line }, 'RAPI in');
      if (frame.head === 'OK' || frame.head === 'NK') this.reply(frame);
      else for (const listener of this.asyncListeners) listener(frame);
    }
  }

  private reply(frame: RapiFrame): void {
    const current = this.inFlight;
    // Firmware before RAPI 3 echoes no sequence id: then the reply belongs to the command in flight.
    if (current === undefined || (frame.sequenceId !== undefined && frame.sequenceId !== current.sequenceId)) {
      this.deps.logger.debug({ sequenceId: frame.sequenceId }, 'RAPI reply to no waiting command dropped');
      return;
    }
    this.finish(current.sequenceId, () => current.resolve({ ok: frame.head === 'OK', params: frame.params }));
  }
}
