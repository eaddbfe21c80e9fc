import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { TransportConnectionOptions } from '@evstation/core';
import type { ClientOptions } from 'ws';
import { basicAuthorization } from './basic-auth.js';
import { DEFAULT_MAX_PAYLOAD_BYTES } from './connection-options.js';
import { stationTlsOptions, type StationTlsOptions } from './tls-options.js';

/** The OCPP 2.0.1 websocket subprotocol (Part 4 §3.2). */
export const OCPP_SUBPROTOCOL = 'ocpp2.0.1';

/** Fragments per message accepted from the CSMS (ws default 16384; OCPP frames are single text messages). */
export const MAX_FRAGMENTS = 64;

/** Received chunks ws may buffer for one message (ws default 262144), bounding memory under a 1-byte-fragment flood (R10). */
export const MAX_BUFFERED_CHUNKS = 4096;

/**
 * ws >= 8.21 options that @types/ws 8.18 does not declare yet, and Node's real `checkServerIdentity` signature
 * (@types/ws declares a boolean-returning one, which `tls.connect` does not use).
 */
export type WsClientOptions = Omit<ClientOptions, 'checkServerIdentity'> &
  StationTlsOptions & { maxFragments?: number; maxBufferedChunks?: number; closeTimeout?: number };

/** Hooks the transport needs into each attempt's request. */
export interface AttemptHooks {
  /** Called with the TCP/TLS socket as soon as the request has one. */
  onSocket(socket: Socket): void;
}

/**
 * The ws client options for one attempt (DESIGN §5, reliability.md §4.4): no redirects, no compression, bounded
 * payload/fragments/chunks, TLS per profile, Basic auth for profiles 1/2. The upgrade request is sent only once
 * the TLS socket is verified, so credentials never travel over a link that failed validation (reliability.md §1.5).
 */
export function wsClientOptions(options: TransportConnectionOptions, localAddress: string | undefined, hooks: AttemptHooks): WsClientOptions {
  const headers: Record<string, string> = {};
  const profile = options.securityProfile;
  if ((profile === 1 || profile === 2) && options.basicAuthPassword !== undefined) {
    headers.Authorization = basicAuthorization(options.identity, options.basicAuthPassword);
  }
  const result: WsClientOptions = {
    headers,
    followRedirects: false,
    perMessageDeflate: false,
    maxPayload: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES,
    maxFragments: MAX_FRAGMENTS,
    maxBufferedChunks: MAX_BUFFERED_CHUNKS,
    // ws's own backstop (a real timer inside ws) if a closing handshake stalls; ConnectionAttempt has a ClockPort one too.
    closeTimeout: 5_000,
    finishRequest: (request: ClientRequest) => sendWhenVerified(request, hooks),
    ...stationTlsOptions(profile, options.tls),
  };
  if (localAddress !== undefined) result.localAddress = localAddress;
  return result;
}

function sendWhenVerified(request: ClientRequest, hooks: AttemptHooks): void {
  request.once('socket', (socket) => {
    hooks.onSocket(socket);
    if (socket instanceof TLSSocket && !socket.authorized) socket.once('secureConnect', () => request.end());
    else request.end();
  });
}
