import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { startTlsCsmsServer, type CsmsTlsOptions, type TlsCsmsServer, type UpgradeRecord } from './tls-csms-server.js';

/** One frame seen by the CSMS, in either direction. */
export interface LedgerEntry {
  identity: string;
  outbound: boolean;
  frame: unknown;
}

/** A strict-mode validation failure: a frame that breaks the official OCPP 2.0.1 schemas. */
export interface SchemaViolation {
  identity: string;
  method: string;
  outbound: boolean;
  isCall: boolean;
  message: string;
}

/** The parts of an ocpp-rpc server-side client the tests use. */
export interface CsmsClient {
  readonly identity: string;
  readonly protocol: string;
  readonly handshake: { headers: Record<string, string | string[] | undefined>; password?: Buffer };
  handle(method: string, handler: (call: { params: unknown; messageId: string }) => unknown): void;
  call(method: string, params: unknown, options?: { callTimeoutMs?: number }): Promise<unknown>;
  sendRaw(text: string): void;
  close(options?: { code?: number; force?: boolean }): Promise<unknown>;
  on(event: string, listener: (arg: never) => void): void;
}

interface RpcServerLike {
  auth(cb: (accept: (session?: object, protocol?: string) => void, reject: (code: number, message: string) => void, handshake: { identity: string; password?: Buffer }) => void): void;
  on(event: 'client', listener: (client: CsmsClient) => void): void;
  listen(port: number, host: string): Promise<Server>;
  readonly handleUpgrade: (request: IncomingMessage, socket: Socket, head: Buffer) => void;
  close(options?: { force?: boolean; awaitPending?: boolean }): Promise<void>;
}

type RpcServerCtor = new (options: { protocols: string[]; strictMode: boolean | string[]; callTimeoutMs?: number; respondWithDetailedErrors?: boolean; maxBadMessages?: number }) => RpcServerLike;

const { RPCServer } = createRequire(import.meta.url)('ocpp-rpc') as { RPCServer: RpcServerCtor };

/** Options for the test CSMS. */
export interface StrictCsmsOptions {
  /** Handlers registered on every connecting station, by action. */
  handlers?: Record<string, (params: unknown, client: CsmsClient) => unknown>;
  /** Password the stations must present (profile 1); any when undefined. */
  password?: string;
  /** Port to listen on (e.g. a CSMS coming back after an outage); default a free one. */
  port?: number;
  /** Serve wss on an https server with this certificate (security profiles 2 and 3); plain ws when absent. */
  tls?: CsmsTlsOptions;
}

/**
 * A CSMS made of ocpp-rpc's RPCServer in strict mode for OCPP 2.0.1: it rejects any station frame that breaks
 * the official schemas, records every frame in a ledger, and records schema violations so a test can assert
 * there were none.
 */
export class StrictCsms {
  readonly ledger: LedgerEntry[] = [];
  readonly violations: SchemaViolation[] = [];
  readonly badMessages: { identity: string; message: string }[] = [];
  readonly clients: CsmsClient[] = [];
  /** The password stations must present (profile 1/2); undefined accepts any. Tests may change it (A01). */
  password: string | undefined;
  private readonly server: RpcServerLike;
  private readonly clientWaiters: ((client: CsmsClient) => void)[] = [];
  private port = 0;
  private tlsServer: TlsCsmsServer | undefined;

  private constructor(options: StrictCsmsOptions) {
    this.password = options.password;
    this.server = new RPCServer({ protocols: ['ocpp2.0.1'], strictMode: true, respondWithDetailedErrors: false, maxBadMessages: Infinity });
    this.server.auth((accept, reject, handshake) => {
      if (this.password !== undefined && handshake.password?.toString('utf8') !== this.password) {
        reject(401, 'Unauthorized');
        return;
      }
      accept({}, 'ocpp2.0.1');
    });
    this.server.on('client', (client) => this.onClient(client, options));
  }

  /** Starts a strict CSMS on 127.0.0.1, on `options.port` or a free port. */
  static async start(options: StrictCsmsOptions = {}): Promise<StrictCsms> {
    const csms = new StrictCsms(options);
    if (options.tls !== undefined) {
      csms.tlsServer = await startTlsCsmsServer(options.tls, csms.server.handleUpgrade, options.port ?? 0);
      csms.port = csms.tlsServer.port;
      return csms;
    }
    const http = await csms.server.listen(options.port ?? 0, '127.0.0.1');
    csms.port = (http.address() as AddressInfo).port;
    return csms;
  }

  /** The port it listens on. */
  get listeningPort(): number {
    return this.port;
  }

  /** Base URL for stations (`ws://127.0.0.1:PORT`, or `wss://localhost:PORT` with TLS: the server certificate names localhost). */
  get url(): string {
    return this.tlsServer === undefined ? `ws://127.0.0.1:${this.port}` : `wss://localhost:${this.port}`;
  }

  /** With TLS: every websocket upgrade request that got through the handshake (none after a refused certificate). */
  get upgrades(): readonly UpgradeRecord[] {
    return this.tlsServer?.upgrades ?? [];
  }

  /** With TLS: handshake errors the server saw. */
  get tlsErrors(): readonly string[] {
    return this.tlsServer?.tlsErrors ?? [];
  }

  /** With TLS: serve another certificate or TLS limits from the next handshake on. */
  setTls(options: CsmsTlsOptions): void {
    if (this.tlsServer === undefined) throw new Error('This CSMS serves plain ws');
    this.tlsServer.setTls(options);
  }

  /** Resolves with the next station that connects (or the first one already connected, if `existing`). */
  nextClient(existing = false): Promise<CsmsClient> {
    const first = this.clients[0];
    if (existing && first !== undefined) return Promise.resolve(first);
    return new Promise((resolve) => this.clientWaiters.push(resolve));
  }

  /** Frames sent by stations (CALLs, CALLRESULTs and CALLERRORs), decoded. */
  framesFromStations(): unknown[] {
    return this.ledger.filter((e) => !e.outbound).map((e) => e.frame);
  }

  /** Resolves when a station frame matching `predicate` has been recorded; rejects after `timeoutMs` without one. */
  async waitForFrame(predicate: (frame: unknown) => boolean, timeoutMs = 10_000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.framesFromStations().find(predicate);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`No matching station frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async close(): Promise<void> {
    await this.server.close({ force: true, awaitPending: false });
    await this.tlsServer?.close();
  }

  private onClient(client: CsmsClient, options: StrictCsmsOptions): void {
    this.clients.push(client);
    client.on('message', (event: { message: Buffer | string; outbound: boolean }) => {
      let frame: unknown;
      try {
        frame = JSON.parse(event.message.toString());
      } catch {
        frame = event.message.toString();
      }
      this.ledger.push({ identity: client.identity, outbound: event.outbound, frame });
    });
    client.on('strictValidationFailure', (event: { method: string; outbound: boolean; isCall: boolean; error: Error }) => {
      this.violations.push({ identity: client.identity, method: event.method, outbound: event.outbound, isCall: event.isCall, message: event.error.message });
    });
    client.on('badMessage', (event: { error: Error }) => {
      this.badMessages.push({ identity: client.identity, message: event.error.message });
    });
    for (const [method, handler] of Object.entries(options.handlers ?? {})) {
      client.handle(method, ({ params }) => handler(params, client));
    }
    for (const waiter of this.clientWaiters.splice(0)) waiter(client);
  }
}
