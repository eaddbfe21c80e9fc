import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** A request the file server received, with its body. */
export interface FileServerRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A local HTTP(S) file server for transfer tests (DESIGN §8: real peers), driven by path prefix. */
export interface TestHttpFileServer {
  /** The base URL, e.g. https://localhost:34567 */
  readonly origin: string;
  /** Files served at /files/<name>. */
  readonly files: Map<string, Buffer>;
  /** Every request, in order (bodies of PUT/POST included). */
  readonly requests: FileServerRequest[];
  url(path: string): string;
  /** Resolves once a request for `path` arrived (and, for /slow, its first chunk was sent). */
  waitFor(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Options of the file server. */
export interface TestHttpFileServerOptions {
  /** Serve HTTPS with this certificate. */
  tls?: { cert: string; key: string };
}

/**
 * Routes: GET /files/<name> serves a file (404 when missing, with Content-Length); any /forbidden/... 403; any
 * /unauthorized/... 401; /hang/... never answers; GET /slow/<n> sends half of n bytes then stalls; GET /stream/<n>
 * sends n bytes without Content-Length; /redirect/<n>/<rest> redirects (302) n times then to /<rest>;
 * /to-http/<rest> redirects to the same path over plain http; PUT /upload/... stores the body (201); /no-put/... 405.
 */
export async function startTestHttpFileServer(options: TestHttpFileServerOptions = {}): Promise<TestHttpFileServer> {
  const files = new Map<string, Buffer>();
  const requests: FileServerRequest[] = [];
  const waiters = new Map<string, (() => void)[]>();
  const sockets = new Set<Socket>();
  const arrived = (path: string): void => {
    for (const resolve of waiters.get(path) ?? []) resolve();
    waiters.delete(path);
  };
  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      requests.push({ method: request.method ?? '', path, headers: request.headers, body: Buffer.concat(chunks) });
      route(path, request, response, files, scheme);
      if (!path.startsWith('/slow/')) arrived(path);
      else response.once('slow-started', () => arrived(path));
    });
  };
  const scheme = options.tls === undefined ? 'http' : 'https';
  const server: Server = options.tls === undefined ? createHttpServer(handler) : createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `${scheme}://localhost:${port}`;
  return {
    origin,
    files,
    requests,
    url: (path) => `${origin}${path}`,
    waitFor: (path) =>
      requests.some((r) => r.path === path) && !path.startsWith('/slow/')
        ? Promise.resolve()
        : new Promise((resolve) => waiters.set(path, [...(waiters.get(path) ?? []), resolve])),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function route(path: string, request: IncomingMessage, response: ServerResponse, files: Map<string, Buffer>, scheme: string): void {
  const [, prefix = '', ...rest] = path.split('/');
  const tail = rest.join('/');
  if (prefix === 'files' && request.method === 'GET') {
    const file = files.get(tail);
    if (file === undefined) return void response.writeHead(404).end('not found');
    return void response.writeHead(200, { 'content-length': file.length, 'content-type': 'application/octet-stream' }).end(file);
  }
  if (prefix === 'forbidden') return void response.writeHead(403).end('forbidden');
  if (prefix === 'unauthorized') return void response.writeHead(401).end('unauthorized');
  if (prefix === 'hang') return;
  if (prefix === 'slow') {
    const size = Number(tail);
    response.writeHead(200, { 'content-length': size });
    response.write(Buffer.alloc(Math.floor(size / 2), 0x61), () => response.emit('slow-started'));
    return;
  }
  if (prefix === 'stream') {
    const size = Number(tail);
    response.writeHead(200);
    const chunk = Buffer.alloc(16 * 1024, 0x62);
    for (let sent = 0; sent < size; sent += chunk.length) response.write(chunk.subarray(0, Math.min(chunk.length, size - sent)));
    return void response.end();
  }
  if (prefix === 'redirect') {
    const [count = '0', ...target] = rest;
    const next = Number(count) > 1 ? `/redirect/${Number(count) - 1}/${target.join('/')}` : `/${target.join('/')}`;
    return void response.writeHead(302, { location: next }).end();
  }
  if (prefix === 'to-http') {
    const host = request.headers.host ?? 'localhost';
    return void response.writeHead(301, { location: `${scheme === 'https' ? 'http' : 'https'}://${host}/${tail}` }).end();
  }
  if (prefix === 'upload' && request.method === 'PUT') return void response.writeHead(201).end();
  if (prefix === 'no-put') return void response.writeHead(405, { allow: 'GET' }).end();
  response.writeHead(404).end();
}
