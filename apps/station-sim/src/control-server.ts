import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { LoggerPort } from '@evstation/core';
import { WebSocketServer, type WebSocket } from 'ws';
import { routeControl, type ControlRequest } from './control-routes.js';
import { DashboardFiles } from './dashboard-files.js';
import type { EventHub, SimEvent } from './event-hub.js';
import { HttpError } from './http-error.js';
import { checkRequestOrigin } from './request-guard.js';
import type { SimFleet } from './sim-fleet.js';
import { stationView } from './station-view.js';

/** Largest request body the API reads. */
const MAX_BODY_BYTES = 64 * 1024;
/** A dashboard that does not read its websocket loses message events beyond this backlog (station events still go). */
const MAX_WS_BACKLOG_BYTES = 4 * 1024 * 1024;

function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, `the body is larger than ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve({});
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return reject(new HttpError(400, 'the body is not valid JSON'));
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return reject(new HttpError(400, 'the body must be a JSON object'));
      resolve(body as Record<string, unknown>);
    });
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(text);
}

/**
 * The control API, the event websocket and the dashboard on one HTTP port (issue 6 §2). Loopback by default: it has
 * no authentication, so requests from other web origins (and DNS-rebound host names) are refused.
 */
export class ControlServer {
  private readonly server: Server;
  private readonly sockets = new WebSocketServer({ noServer: true });
  private readonly dashboard = new DashboardFiles();
  private boundHost = '127.0.0.1';

  constructor(private readonly deps: { fleet: SimFleet; hub: EventHub; logger: LoggerPort }) {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
  }

  /** Listens on host:port (port 0 = any free one); resolves with the base URL. */
  async listen(host: string, port: number): Promise<string> {
    this.boundHost = host;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  }

  /** Closes the event websockets and the HTTP server. */
  async close(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', 'http://control.invalid');
      checkRequestOrigin(request.headers, this.boundHost);
      if (!url.pathname.startsWith('/api/')) {
        const file = this.dashboard.get(request.method ?? 'GET', url.pathname);
        response.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-cache' });
        response.end(file.content);
        return;
      }
      if (url.pathname === '/api/events') throw new HttpError(426, 'GET /api/events is a websocket: connect with a websocket client', { upgrade: 'websocket' });
      const segments = url.pathname.slice('/api/'.length).split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
      const controlRequest: ControlRequest = { method: request.method ?? 'GET', segments, query: url.searchParams, body: () => readJsonBody(request) };
      const answer = await routeControl(this.deps.fleet, controlRequest);
      sendJson(response, answer.status, answer.body);
    } catch (error) {
      if (error instanceof HttpError) return sendJson(response, error.status, { error: error.message }, error.headers);
      if (error instanceof URIError) return sendJson(response, 400, { error: 'the path is not valid percent-encoding' });
      this.deps.logger.error({ err: error, url: request.url }, 'Control API request failed');
      sendJson(response, 500, { error: 'internal error (see the station-sim log)' });
    }
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    try {
      const url = new URL(request.url ?? '/', 'http://control.invalid');
      if (url.pathname !== '/api/events') throw new HttpError(404, 'websockets are served at /api/events only');
      checkRequestOrigin(request.headers, this.boundHost);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 400;
      socket.end(`HTTP/1.1 ${status} Refused\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    this.sockets.handleUpgrade(request, socket, head, (ws) => this.stream(ws));
  }

  /** Streams every event to one dashboard, starting with all stations as they are now. */
  private stream(ws: WebSocket): void {
    const send = (event: SimEvent | { type: 'stations'; stations: unknown[] }): void => {
      if (event.type === 'message' && ws.bufferedAmount > MAX_WS_BACKLOG_BYTES) return;
      ws.send(JSON.stringify(event));
    };
    send({ type: 'stations', stations: this.deps.fleet.list().map((station) => stationView(station.monitor)) });
    const unsubscribe = this.deps.hub.subscribe(send);
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  }
}
