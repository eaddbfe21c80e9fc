import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoggerPort } from '@evstation/core';
import { apiRoutes } from './api-routes.js';
import type { CsmsControl } from './csms-dev-api.js';
import { FrameStreams } from './frame-streams.js';
import { HttpError, sendError, sendJson } from './http-json.js';
import { matchRoute, type Route } from './http-router.js';

/** What the HTTP API needs. */
export interface HttpApiDeps {
  readonly csms: CsmsControl;
  readonly logger: LoggerPort;
}

/** The HTTP JSON API of csms-dev on node:http: stations, CSMS->CS calls, the frame ledger, the policy. */
export class HttpApi {
  private readonly server: Server;
  private readonly streams: FrameStreams;
  private readonly routes: readonly Route[];

  constructor(private readonly deps: HttpApiDeps) {
    this.streams = new FrameStreams({ subscribe: (listener) => deps.csms.onFrame(listener) });
    this.routes = apiRoutes({ csms: deps.csms, streams: this.streams });
    this.server = createServer((request, response) => void this.serve(request, response));
  }

  /** Starts listening; resolves with the bound port. */
  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Ends the frame streams and closes every connection. */
  async close(): Promise<void> {
    this.streams.closeAll();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://csms-dev.invalid');
    try {
      const { route, params } = matchRoute(this.routes, request.method ?? 'GET', url);
      await route.handle({ request, response, params, query: url.searchParams });
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
      } else if (error instanceof HttpError) {
        sendError(response, error);
      } else {
        this.deps.logger.error({ method: request.method, path: url.pathname, err: (error as Error).message }, 'HTTP API request failed');
        sendJson(response, 500, { error: `internal error: ${(error as Error).message}` });
      }
    }
  }
}
