import type { SecurityEvent } from './security-event.js';

/** OCPP security profiles (A00): 0 is plain ws without authentication, for development only. */
export type SecurityProfile = 0 | 1 | 2 | 3;

/** TLS material for security profiles 2 and 3, all PEM text. */
export interface TransportTlsOptions {
  /** Installed CSMSRootCertificate(s); the only trust anchors (never the system store). */
  csmsRootCertificates: readonly string[];
  /** Station certificate chain (ChargingStationCertificate), required for profile 3. */
  clientCertificateChain?: string;
  /** Private key of the station certificate, required for profile 3; never logged. */
  clientPrivateKey?: string;
  /** SecurityCtrlr.AllowCSMSTLSWildcards: accept a wildcard CSMS certificate. */
  allowWildcards?: boolean;
}

/** Reconnect back-off (Part 4 §5.3, OCPPCommCtrlr.RetryBackOff*). */
export interface RetryBackOff {
  /** RetryBackOffWaitMinimum in seconds. */
  waitMinimumSeconds: number;
  /** RetryBackOffRandomRange in seconds: a random 0..range is added to every wait. */
  randomRangeSeconds: number;
  /** RetryBackOffRepeatTimes: how many times the wait doubles before it stays constant. */
  repeatTimes: number;
}

/** Everything needed to reach one CSMS (one NetworkConnectionProfile slot plus the station's identity). */
export interface TransportConnectionOptions {
  /** CSMS base URL (ws:// or wss://); the identity is appended as a path segment. */
  csmsUrl: string;
  /** The station's identity (identifierString, at most 48 characters, no ':'). */
  identity: string;
  securityProfile: SecurityProfile;
  /** SecurityCtrlr.BasicAuthPassword for profiles 1 and 2; never logged. */
  basicAuthPassword?: string;
  tls?: TransportTlsOptions;
  /** OCPPCommCtrlr.WebSocketPingInterval in seconds; 0 disables pings. */
  pingIntervalSeconds: number;
  retryBackOff: RetryBackOff;
  /** Largest frame accepted from the CSMS, in bytes (default 1 MiB). */
  maxPayloadBytes?: number;
  /** Local address (interface) to bind the connection to. */
  localAddress?: string;
  /** Seconds allowed for the TCP, TLS and websocket handshakes. */
  handshakeTimeoutSeconds?: number;
}

/** Why a connection ended or could not be made. */
export type DisconnectReason =
  | 'closed-by-csms'
  | 'closed-locally'
  | 'connection-failed'
  | 'tls-failed'
  | 'unauthorized'
  | 'subprotocol-rejected'
  | 'ping-timeout'
  | 'payload-too-large'
  | 'network-error';

/** What a transport tells its user. */
export interface TransportEvents {
  /** The websocket is open with subprotocol ocpp2.0.1. */
  onConnected(): void;
  /** A text frame arrived. */
  onMessage(text: string): void;
  /** The connection ended or an attempt failed; the transport retries by itself until `disconnect()`. */
  onDisconnected(info: { reason: DisconnectReason; code?: number; detail?: string }): void;
  /** A connection failure that is a security event, reported once per failure streak. */
  onSecurityEvent(event: SecurityEvent): void;
}

/** The websocket link to the CSMS as core sees it. */
export interface TransportPort {
  /** Starts connecting with these options, and keeps reconnecting with back-off until `disconnect()`. */
  connect(options: TransportConnectionOptions, events: TransportEvents): void;
  /** Sends one text frame; returns false when there is no open connection (nothing is sent). */
  send(text: string): boolean;
  /** Closes the connection and stops reconnecting. */
  disconnect(): Promise<void>;
  /** Whether a connection is open now. */
  isConnected(): boolean;
}
