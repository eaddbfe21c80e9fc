import type { ClockPort, LoggerPort, PresentedToken, PresentedTokenType, TimerHandle, TokenReaderPort } from '@evstation/core';
import type { SerialStreamPort } from '../serial/serial-stream.port.js';
import { PRESENTED_TOKEN_TYPES } from './presented-token-types.js';

const STX = String.fromCharCode(0x02);
const ETX = String.fromCharCode(0x03);

/** What a SerialLineTokenReader needs. */
export interface SerialLineTokenReaderDeps {
  clock: ClockPort;
  logger: LoggerPort;
  /** The reader's serial line (a UART, or a USB serial adapter). */
  stream: SerialStreamPort;
  /** Wait before reopening a line that failed or went away; default 5000 ms. */
  reopenDelayMs?: number;
}

/** IdTokenType.idToken is at most 36 characters; longer lines are noise. */
const MAX_TOKEN_LENGTH = 36;
/** A line longer than this without a newline is garbage (wrong baud rate): dropped so the buffer stays bounded. */
const MAX_LINE_LENGTH = 128;

/** Reads one line: `<UID hex>` (an ISO14443 card) or `<type>:<idToken>` (e.g. `KeyCode:1234`); undefined when it is noise. */
export function parseTokenLine(line: string): { idToken: string; type: PresentedTokenType } | undefined {
  const colon = line.indexOf(':');
  const prefix = colon > 0 ? line.slice(0, colon) : undefined;
  const type = PRESENTED_TOKEN_TYPES.find((t) => t === prefix);
  const idToken = type === undefined ? line : line.slice(colon + 1);
  if (idToken.length === 0 || idToken.length > MAX_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(idToken)) return undefined;
  const tokenType = type ?? 'ISO14443';
  return { idToken: tokenType === 'ISO14443' || tokenType === 'ISO15693' ? idToken.toUpperCase() : idToken, type: tokenType };
}

/**
 * A token reader on a serial line (C01): RFID modules and reader bridges that print one card UID per line, or
 * `<type>:<idToken>` for PINs and other token types. Reopens the line after it fails or goes away.
 */
export class SerialLineTokenReader implements TokenReaderPort {
  private started = false;
  private buffer = '';
  private reopenTimer: TimerHandle | undefined;
  private readonly listeners = new Set<(token: PresentedToken) => void>();

  constructor(private readonly deps: SerialLineTokenReaderDeps) {
    deps.stream.onData((text) => this.receive(text));
    deps.stream.onLost((reason) => {
      if (!this.started) return;
      deps.logger.warn({ reason }, 'Token reader line lost; reopening');
      this.scheduleReopen();
    });
  }

  /** Opens the line; when that fails it logs and keeps trying (a reader plugged in later still works). */
  async start(): Promise<void> {
    this.started = true;
    await this.open();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.reopenTimer?.cancel();
    this.reopenTimer = undefined;
    this.buffer = '';
    await this.deps.stream.close();
  }

  onToken(listener: (token: PresentedToken) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async open(): Promise<void> {
    try {
      await this.deps.stream.open();
    } catch (error) {
      this.deps.logger.error({ err: error }, 'Token reader line did not open; retrying');
      this.scheduleReopen();
    }
  }

  private scheduleReopen(): void {
    this.reopenTimer?.cancel();
    this.reopenTimer = this.deps.clock.setTimeout(() => {
      this.reopenTimer = undefined;
      if (this.started) void this.open();
    }, this.deps.reopenDelayMs ?? 5000);
  }

  private receive(text: string): void {
    if (!this.started) return;
    this.buffer += text;
    const lines = this.buffer.split(/\r?\n|\r/);
    this.buffer = lines.pop() ?? '';
    if (this.buffer.length > MAX_LINE_LENGTH) this.buffer = '';
    for (const line of lines) {
      // Many RFID readers frame each UID with STX (0x02) ... ETX (0x03).
      const trimmed = line.replaceAll(STX, '').replaceAll(ETX, '').trim();
      if (trimmed === '') continue;
      const parsed = parseTokenLine(trimmed);
      if (parsed === undefined) {
        this.deps.logger.warn({ length: trimmed.length }, 'Token reader sent a line that is not a token; ignored');
        continue;
      }
      const token: PresentedToken = { ...parsed, at: this.deps.clock.now() };
      for (const listener of [...this.listeners]) listener(token);
    }
  }
}
