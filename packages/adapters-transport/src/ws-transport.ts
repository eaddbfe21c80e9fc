import type {
  ClockPort,
  LoggerPort,
  SecurityEventType,
  TimerHandle,
  TransportConnectionOptions,
  TransportEvents,
  TransportPort,
} from '@evstation/core';
import { backOffDelayMs } from './back-off.js';
import { ConnectionAttempt, type AttemptOutcome } from './connection-attempt.js';
import { validateConnectionOptions } from './connection-options.js';
import { stationUrl } from './csms-url.js';
import { resolveLocalAddress } from './local-address.js';

/** What WsTransport needs (DESIGN rule 3: one named deps object). */
export interface WsTransportDeps {
  clock: ClockPort;
  logger: LoggerPort;
  /** Returns a number in [0, 1) for the back-off jitter; Math.random by default. */
  random?: () => number;
}

interface Session {
  options: TransportConnectionOptions;
  events: TransportEvents;
  url: string;
  /** Reconnection attempts since the last successful connection (drives the back-off). */
  retries: number;
  /** Security events already reported in the current failure streak. */
  reported: Set<SecurityEventType>;
  attempt: ConnectionAttempt | undefined;
  retryTimer: TimerHandle | undefined;
  stopping: boolean;
  closed: Array<() => void>;
}

/**
 * core's TransportPort over `ws` (DESIGN §5, reliability.md §1): subprotocol ocpp2.0.1, security profiles 0-3,
 * reconnect with RetryBackOff*, pings per WebSocketPingInterval, security events once per failure streak.
 */
export class WsTransport implements TransportPort {
  private readonly clock: ClockPort;
  private readonly logger: LoggerPort;
  private readonly random: () => number;
  private session: Session | undefined;

  constructor(deps: WsTransportDeps) {
    this.clock = deps.clock;
    this.logger = deps.logger.child({ component: 'WsTransport' });
    this.random = deps.random ?? Math.random;
  }

  connect(options: TransportConnectionOptions, events: TransportEvents): void {
    if (this.session !== undefined) throw new Error('WsTransport is already connecting or connected; call disconnect() first');
    validateConnectionOptions(options);
    const url = stationUrl(options.csmsUrl, options.identity);
    this.session = { options, events, url, retries: 0, reported: new Set(), attempt: undefined, retryTimer: undefined, stopping: false, closed: [] };
    this.logger.info({ url, identity: options.identity, securityProfile: options.securityProfile }, 'Connecting to CSMS');
    this.openAttempt(this.session);
  }

  send(text: string): boolean {
    const sent = this.session?.attempt?.send(text) ?? false;
    if (sent) this.logger.trace({ bytes: Buffer.byteLength(text) }, 'Frame sent');
    return sent;
  }

  async disconnect(): Promise<void> {
    const session = this.session;
    if (session === undefined) return;
    session.stopping = true;
    session.retryTimer?.cancel();
    session.retryTimer = undefined;
    const attempt = session.attempt;
    if (attempt === undefined) {
      this.session = undefined;
      return;
    }
    const closed = new Promise<void>((resolve) => session.closed.push(resolve));
    attempt.close();
    await closed;
  }

  isConnected(): boolean {
    return this.session?.attempt?.isOpen() ?? false;
  }

  private openAttempt(session: Session): void {
    session.retryTimer = undefined;
    const { options } = session;
    const localAddress = options.localAddress === undefined ? undefined : resolveLocalAddress(options.localAddress);
    if (options.localAddress !== undefined && localAddress === undefined) {
      this.afterFailure(session, {
        wasOpen: false,
        code: 1006,
        classification: { reason: 'connection-failed', detail: `local interface ${options.localAddress} has no address` },
      });
      return;
    }
    const attempt = new ConnectionAttempt(this.clock, this.logger, options, session.url, {
      onOpen: () => this.onOpen(session),
      onMessage: (text) => {
        this.logger.trace({ bytes: Buffer.byteLength(text) }, 'Frame received');
        notify(this.logger, () => session.events.onMessage(text));
      },
      onClosed: (outcome) => this.onClosed(session, attempt, outcome),
    });
    session.attempt = attempt;
    try {
      attempt.start(localAddress);
    } catch (error) {
      session.attempt = undefined;
      const detail = error instanceof Error ? error.message : 'websocket could not be created';
      this.afterFailure(session, { wasOpen: false, code: 1006, classification: { reason: 'connection-failed', detail } });
    }
  }

  private onOpen(session: Session): void {
    session.retries = 0;
    session.reported.clear();
    this.logger.info({ url: session.url }, 'Connected to CSMS');
    notify(this.logger, () => session.events.onConnected());
  }

  private onClosed(session: Session, attempt: ConnectionAttempt, outcome: AttemptOutcome): void {
    if (session.attempt !== attempt) return;
    session.attempt = undefined;
    if (session.stopping) {
      if (this.session === session) this.session = undefined;
      this.logger.info({ url: session.url, code: outcome.code }, 'Disconnected from CSMS (closed locally)');
      if (outcome.wasOpen) notify(this.logger, () => session.events.onDisconnected({ reason: 'closed-locally', code: outcome.code }));
      for (const resolve of session.closed.splice(0)) resolve();
      return;
    }
    this.afterFailure(session, outcome);
  }

  /** Reports the outcome (security event at most once per streak), then schedules the next attempt. */
  private afterFailure(session: Session, outcome: AttemptOutcome): void {
    const { classification: c } = outcome;
    this.logger.warn(
      { url: session.url, reason: c.reason, code: outcome.code, detail: c.detail, securityEvent: c.securityEvent },
      outcome.wasOpen ? 'Connection to CSMS lost' : 'Connection attempt failed',
    );
    if (c.clientCertificateRefused === true) {
      this.logger.warn({ url: session.url, detail: c.detail }, 'The CSMS refused the station certificate, or requires one');
    }
    const event = c.securityEvent;
    if (event !== undefined && !session.reported.has(event)) {
      session.reported.add(event);
      notify(this.logger, () => session.events.onSecurityEvent({ type: event, techInfo: c.detail.slice(0, 255) }));
    }
    const info = { reason: c.reason, code: outcome.code, detail: c.detail };
    notify(this.logger, () => session.events.onDisconnected(info));
    if (session.stopping || this.session !== session) return;
    const delayMs = backOffDelayMs(session.retries, session.options.retryBackOff, this.random);
    session.retries += 1;
    this.logger.info({ url: session.url, delayMs, retry: session.retries }, 'Reconnecting after back-off');
    session.retryTimer = this.clock.setTimeout(() => this.openAttempt(session), delayMs);
  }
}

/** Runs a user callback; a throwing callback is logged and must not break the transport's state. */
function notify(logger: LoggerPort, callback: () => void): void {
  try {
    callback();
  } catch (error) {
    logger.error({ error: error instanceof Error ? error.message : String(error) }, 'Transport event handler threw');
  }
}
