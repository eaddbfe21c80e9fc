import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { ClockPort, LoggerPort, TimerHandle, TransportConnectionOptions } from '@evstation/core';
import { WebSocket, type ClientOptions, type RawData } from 'ws';
import { DEFAULT_HANDSHAKE_TIMEOUT_SECONDS } from './connection-options.js';
import { classifyFailure, type ConnectionPhase, type FailureClassification } from './failure-classifier.js';
import { LinkMonitor } from './link-monitor.js';
import { rawDataToText } from './raw-data.js';
import { OCPP_SUBPROTOCOL, wsClientOptions } from './ws-client-options.js';

/** How an attempt or connection ended. */
export interface AttemptOutcome {
  /** The websocket had opened (this is a lost connection, not a failed attempt). */
  wasOpen: boolean;
  /** Close code reported by ws (1006 when no close frame was exchanged). */
  code: number;
  classification: FailureClassification;
}

/** What an attempt tells the transport. */
export interface AttemptCallbacks {
  onOpen(): void;
  onMessage(text: string): void;
  onClosed(outcome: AttemptOutcome): void;
}

/** How long a local close waits for the CSMS's close frame before the socket is destroyed. */
const CLOSE_DEADLINE_MS = 5_000;

/**
 * One websocket connection attempt and, once open, the connection itself: tracks how far the handshake got, enforces
 * the subprotocol (Part 4 §3.2), the handshake timeout and dead-link detection, and classifies how it ended.
 */
export class ConnectionAttempt {
  private ws: WebSocket | undefined;
  private phase: ConnectionPhase = 'tcp';
  private tlsSocket: TLSSocket | undefined;
  private error: (Error & { code?: string }) | undefined;
  private httpStatus: number | undefined;
  private decided: FailureClassification | undefined;
  private readonly timers: TimerHandle[] = [];
  private readonly monitor: LinkMonitor;

  constructor(
    private readonly clock: ClockPort,
    private readonly logger: LoggerPort,
    private readonly options: TransportConnectionOptions,
    private readonly url: string,
    private readonly callbacks: AttemptCallbacks,
  ) {
    this.monitor = new LinkMonitor(clock, options.pingIntervalSeconds * 1000, {
      ping: () => this.ws?.ping(),
      onDead: () => this.abort({ reason: 'ping-timeout', detail: `no pong or frame within ${options.pingIntervalSeconds} s of a ping` }),
    });
  }

  /** Opens the websocket, bound to `localAddress` when given. */
  start(localAddress: string | undefined): void {
    const options = wsClientOptions(this.options, localAddress, { onSocket: (socket) => this.watchSocket(socket) });
    // One cast: @types/ws 8.18 lacks ws 8.21+ limits and types checkServerIdentity wrongly (see WsClientOptions).
    const ws = new WebSocket(this.url, [OCPP_SUBPROTOCOL], options as unknown as ClientOptions);
    this.ws = ws;
    const timeoutSeconds = this.options.handshakeTimeoutSeconds ?? DEFAULT_HANDSHAKE_TIMEOUT_SECONDS;
    this.timers.push(this.clock.setTimeout(() => this.onHandshakeTimeout(timeoutSeconds), timeoutSeconds * 1000));
    ws.on('upgrade', (response) => this.onUpgrade(response));
    ws.on('unexpected-response', (_request, response) => this.onUnexpectedResponse(response));
    ws.on('open', () => this.onOpen());
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('ping', () => this.monitor.heard());
    ws.on('pong', () => {
      this.monitor.heard();
      this.logger.trace({ url: this.url }, 'Pong received');
    });
    ws.on('error', (error: Error & { code?: string }) => {
      this.error ??= error;
    });
    ws.on('close', (code) => this.onClose(code));
  }

  /** Whether the websocket is open. */
  isOpen(): boolean {
    return this.phase === 'open' && this.ws?.readyState === WebSocket.OPEN;
  }

  /** Sends one text frame when open. */
  send(text: string): boolean {
    const ws = this.ws;
    if (ws === undefined || !this.isOpen()) return false;
    ws.send(text, (error) => {
      if (error !== undefined && error !== null) this.logger.debug({ errorCode: (error as { code?: string }).code }, 'Frame not sent');
    });
    return true;
  }

  /** Closes with 1000 when open (destroying the socket if the CSMS does not answer), or aborts a pending handshake. */
  close(): void {
    const ws = this.ws;
    this.cancelTimers();
    this.monitor.stop();
    if (ws === undefined || ws.readyState === WebSocket.CLOSED) return;
    if (ws.readyState === WebSocket.OPEN) {
      ws.close(1000);
      this.timers.push(this.clock.setTimeout(() => ws.terminate(), CLOSE_DEADLINE_MS));
    } else if (ws.readyState === WebSocket.CONNECTING) {
      ws.terminate();
    }
  }

  private abort(classification: FailureClassification): void {
    this.decided ??= classification;
    this.ws?.terminate();
  }

  private watchSocket(socket: Socket): void {
    const connected = (): void => {
      if (this.phase === 'tcp') this.phase = socket instanceof TLSSocket ? 'tls' : 'upgrade';
    };
    if (socket.connecting === false) connected();
    else socket.once('connect', connected);
    if (socket instanceof TLSSocket) {
      this.tlsSocket = socket;
      socket.once('secureConnect', () => {
        this.phase = 'upgrade';
        this.logger.debug({ url: this.url, tlsVersion: socket.getProtocol(), cipher: socket.getCipher().name }, 'TLS established with the CSMS');
      });
    }
  }

  private onUpgrade(response: IncomingMessage): void {
    const protocol = response.headers['sec-websocket-protocol'];
    if (protocol === OCPP_SUBPROTOCOL) return;
    this.abort({ reason: 'subprotocol-rejected', detail: `CSMS answered subprotocol ${JSON.stringify(protocol ?? null)}, expected ${OCPP_SUBPROTOCOL}` });
  }

  private onUnexpectedResponse(response: IncomingMessage): void {
    this.httpStatus = response.statusCode;
    response.resume();
    this.ws?.terminate();
  }

  private onHandshakeTimeout(seconds: number): void {
    if (this.phase !== 'open') this.abort({ reason: 'connection-failed', detail: `handshake not finished within ${seconds} s (${this.phase})` });
  }

  private onOpen(): void {
    this.phase = 'open';
    this.cancelTimers();
    this.monitor.start();
    this.callbacks.onOpen();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    this.monitor.heard();
    if (isBinary) {
      this.logger.warn({ url: this.url }, 'Binary frame from the CSMS ignored (OCPP-J uses text frames)');
      return;
    }
    this.callbacks.onMessage(rawDataToText(data));
  }

  private onClose(code: number): void {
    this.cancelTimers();
    this.monitor.stop();
    const wasOpen = this.phase === 'open';
    const classification =
      this.decided ??
      (wasOpen && this.error === undefined
        ? { reason: code === 1006 ? 'network-error' : 'closed-by-csms', detail: `close code ${code}` }
        : classifyFailure({
            phase: this.phase,
            securityProfile: this.options.securityProfile,
            ...(this.error === undefined ? {} : { error: { code: this.error.code, message: this.error.message } }),
            ...(this.httpStatus === undefined ? {} : { httpStatus: this.httpStatus }),
            csmsCertificateRejected: this.tlsSocket?.authorized === false && this.tlsSocket.authorizationError != null,
          }));
    const reportedCode = classification.reason === 'payload-too-large' ? 1009 : code;
    this.callbacks.onClosed({ wasOpen, code: reportedCode, classification });
  }

  private cancelTimers(): void {
    for (const timer of this.timers.splice(0)) timer.cancel();
  }
}
