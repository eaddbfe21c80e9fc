import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { SecureContextOptions, SecureVersion, TLSSocket } from 'node:tls';

/** How the CSMS serves TLS (security profiles 2 and 3). */
export interface CsmsTlsOptions {
  /** The CSMS server certificate (chain) and its key, PEM. */
  cert: string;
  key: string;
  /** Roots the CSMS trusts for station certificates (profile 3). */
  ca?: string | string[];
  /** Ask for a station certificate and refuse a handshake without a valid one (profile 3). */
  requestCert?: boolean;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  ciphers?: string;
}

/** One websocket upgrade request that reached the CSMS: what the station sent once TLS was up. */
export interface UpgradeRecord {
  url: string;
  authorization: string | undefined;
  tlsVersion: string | null;
  cipher: string;
  /** The station certificate presented (profile 3). */
  clientCertificate?: { CN?: string; O?: string; serialNumber: string };
}

/** An https server on 127.0.0.1 that hands websocket upgrades to `onUpgrade` and records what it saw. */
export interface TlsCsmsServer {
  port: number;
  /** Every upgrade request: empty after a failed handshake means no credentials left the station. */
  upgrades: UpgradeRecord[];
  /** TLS errors the server saw (e.g. a station that offered no acceptable version). */
  tlsErrors: string[];
  /** New certificate, key or TLS limits for the next handshakes (connections already open keep theirs). */
  setTls(options: CsmsTlsOptions): void;
  close(): Promise<void>;
}

type UpgradeHandler = (request: IncomingMessage, socket: Socket, head: Buffer) => void;

/** The secure-context part of the options (what `setSecureContext` can change on a listening server). */
function contextOptions(options: CsmsTlsOptions): SecureContextOptions {
  const { cert, key, ca, minVersion, maxVersion, ciphers } = options;
  return { cert, key, ca, minVersion, maxVersion, ciphers };
}

function subjectField(subject: Record<string, string | string[] | undefined> | undefined, key: 'CN' | 'O'): { CN?: string; O?: string } {
  const value = subject?.[key];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined ? {} : { [key]: text };
}

function record(request: IncomingMessage): UpgradeRecord {
  const socket = request.socket as TLSSocket;
  const peer = socket.getPeerCertificate();
  const hasPeer = peer !== undefined && Object.keys(peer).length > 0;
  const authorization = request.headers.authorization;
  return {
    url: request.url ?? '',
    authorization,
    tlsVersion: socket.getProtocol(),
    cipher: socket.getCipher().name,
    ...(hasPeer ? { clientCertificate: { ...subjectField(peer.subject, 'CN'), ...subjectField(peer.subject, 'O'), serialNumber: peer.serialNumber } } : {}),
  };
}

/** Starts the https side of a TLS CSMS (DESIGN §8: real TLS over loopback with an openssl-made PKI). */
export async function startTlsCsmsServer(options: CsmsTlsOptions, onUpgrade: UpgradeHandler, port = 0): Promise<TlsCsmsServer> {
  const server: Server = createServer({ ...contextOptions(options), requestCert: options.requestCert === true, rejectUnauthorized: options.requestCert === true });
  const upgrades: UpgradeRecord[] = [];
  const tlsErrors: string[] = [];
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    upgrades.push(record(request));
    onUpgrade(request, socket, head);
  });
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => response.writeHead(426).end());
  server.on('tlsClientError', (error: Error & { code?: string }) => tlsErrors.push(error.code ?? error.message));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    upgrades,
    tlsErrors,
    setTls: (next) => server.setSecureContext(contextOptions(next)),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
