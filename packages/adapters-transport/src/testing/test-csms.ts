import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { SecureVersion, TLSSocket } from 'node:tls';
import { WebSocketServer, type WebSocket } from 'ws';
import { rawDataToText } from '../raw-data.js';
import { AsyncQueue } from './async-queue.js';

/** How the test CSMS behaves. */
export interface TestCsmsOptions {
  /** Serve wss with this certificate; plain ws when absent. */
  tls?: {
    cert: string;
    key: string;
    /** Roots the CSMS trusts for client certificates (profile 3). */
    ca?: string;
    requestCert?: boolean;
    minVersion?: SecureVersion;
    maxVersion?: SecureVersion;
    ciphers?: string;
  };
  /** Accept the offered ocpp2.0.1 subprotocol (default true); false answers 101 without a subprotocol. */
  acceptSubprotocol?: boolean;
  /** Refuse every upgrade with this HTTP status (e.g. 401). */
  rejectUpgradeWith?: number;
  /** Answer pings automatically (default true); false simulates a dead peer for ping tests. */
  autoPong?: boolean;
  /** Listen on this port (default: an ephemeral one). */
  port?: number;
}

/** One HTTP request the CSMS received (normally the websocket upgrade). */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  remoteAddress: string | undefined;
  /** Subject of the TLS client certificate, when one was presented. */
  clientCertificate?: { CN?: string; O?: string };
}

/** One websocket the CSMS accepted. */
export interface CsmsConnection {
  socket: WebSocket;
  request: ReceivedRequest;
  messages: AsyncQueue<string>;
  pings: AsyncQueue<true>;
  closed: Promise<number>;
}

/** A loopback CSMS for transport tests (reliability.md §4.3): https/http server + ws, recording every request. */
export interface TestCsms {
  port: number;
  /** Base URL (without identity); host defaults to localhost for wss and 127.0.0.1 for ws. */
  url(host?: string): string;
  /** Every HTTP request received, upgrade or not: empty means credentials were never sent. */
  requests: ReceivedRequest[];
  /** TLS errors the server saw (client certificate refused, no shared cipher, ...). */
  tlsErrors: string[];
  connections: AsyncQueue<CsmsConnection>;
  /** Changes the status every later upgrade is refused with (undefined accepts again). */
  setRejectUpgradeWith(status: number | undefined): void;
  close(): Promise<void>;
}

/** Starts a test CSMS on 127.0.0.1 with an ephemeral port. */
export async function startTestCsms(options: TestCsmsOptions = {}): Promise<TestCsms> {
  const { tls } = options;
  let rejectUpgradeWith = options.rejectUpgradeWith;
  const server: Server = tls === undefined ? createHttpServer() : createHttpsServer({ ...tls, rejectUnauthorized: tls.requestCert === true });
  const requests: ReceivedRequest[] = [];
  const tlsErrors: string[] = [];
  const connections = new AsyncQueue<CsmsConnection>('CSMS connection');
  const byRequest = new WeakMap<IncomingMessage, ReceivedRequest>();
  const record = (request: IncomingMessage): void => {
    const received = describeRequest(request);
    byRequest.set(request, received);
    requests.push(received);
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    record(request);
    response.writeHead(426).end();
  });
  server.on('upgrade', record);
  server.on('tlsClientError', (error: Error & { code?: string }) => tlsErrors.push(error.code ?? error.message));
  const wss = new WebSocketServer({
    server,
    perMessageDeflate: false,
    autoPong: options.autoPong ?? true,
    handleProtocols: (protocols) => (options.acceptSubprotocol === false ? false : protocols.has('ocpp2.0.1') ? 'ocpp2.0.1' : false),
    verifyClient: (_info, callback) => (rejectUpgradeWith === undefined ? callback(true) : callback(false, rejectUpgradeWith)),
  });
  wss.on('connection', (socket, request) => {
    const messages = new AsyncQueue<string>('CSMS message');
    const pings = new AsyncQueue<true>('CSMS ping');
    socket.on('message', (data) => messages.push(rawDataToText(data)));
    socket.on('ping', () => pings.push(true));
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    connections.push({ socket, request: byRequest.get(request) ?? describeRequest(request), messages, pings, closed });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (host) => `${tls === undefined ? 'ws' : 'wss'}://${host ?? (tls === undefined ? '127.0.0.1' : 'localhost')}:${port}`,
    requests,
    tlsErrors,
    connections,
    setRejectUpgradeWith: (status) => {
      rejectUpgradeWith = status;
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP server that accepts connections and never answers (handshake-timeout and half-open tests). */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port with nothing listening on it (for "CSMS down" tests). */
export async function unusedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function describeRequest(request: IncomingMessage): ReceivedRequest {
  const received: ReceivedRequest = {
    method: request.method ?? '',
    url: request.url ?? '',
    headers: request.headers,
    remoteAddress: request.socket.remoteAddress,
  };
  const tlsSocket = request.socket as Partial<TLSSocket>;
  const subject = typeof tlsSocket.getPeerCertificate === 'function' ? tlsSocket.getPeerCertificate().subject : undefined;
  if (subject !== undefined) received.clientCertificate = { ...pick(subject, 'CN'), ...pick(subject, 'O') };
  return received;
}

function pick(subject: Record<string, string | string[] | undefined>, key: 'CN' | 'O'): { CN?: string; O?: string } {
  const value = subject[key];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined ? {} : { [key]: text };
}
