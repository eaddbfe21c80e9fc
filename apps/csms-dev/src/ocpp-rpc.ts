import { createRequire } from 'node:module';
import type { IncomingHttpHeaders, Server } from 'node:http';

/** What ocpp-rpc tells the auth callback about a websocket upgrade (identity from the last URL path segment). */
export interface RpcHandshake {
  readonly identity: string;
  readonly endpoint: string;
  readonly remoteAddress: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly protocols: ReadonlySet<string>;
  /** The Basic-auth password, present only when the username equals the identity. */
  readonly password: Buffer | undefined;
}

/** One raw frame as ocpp-rpc saw it on the socket. */
export interface RpcMessageEvent {
  readonly message: Buffer | string;
  readonly outbound: boolean;
}

/** A frame that broke the official schemas in strict mode. */
export interface RpcStrictValidationFailure {
  readonly messageId: string;
  readonly method: string;
  readonly outbound: boolean;
  readonly isCall: boolean;
  readonly error: RpcErrorLike;
}

/** The fields of ocpp-rpc's RPCError (and of plain errors such as its TimeoutError). */
export interface RpcErrorLike extends Error {
  readonly rpcErrorCode?: string;
  readonly rpcErrorMessage?: string;
  readonly details?: unknown;
}

/** The parts of ocpp-rpc's server-side client (one connected station) that csms-dev uses. */
export interface RpcServerClient {
  readonly identity: string;
  readonly protocol: string | undefined;
  readonly handshake: RpcHandshake;
  handle(method: string, handler: (call: { params: unknown; messageId: string }) => unknown): void;
  call(method: string, params: unknown, options?: { callTimeoutMs?: number }): Promise<unknown>;
  close(options?: { code?: number; reason?: string; force?: boolean; awaitPending?: boolean }): Promise<unknown>;
  on(event: 'message', listener: (event: RpcMessageEvent) => void): void;
  on(event: 'strictValidationFailure', listener: (event: RpcStrictValidationFailure) => void): void;
  on(event: 'close', listener: (event: { code: number; reason: string }) => void): void;
}

/** ocpp-rpc's RPCServer, as far as csms-dev uses it. */
export interface RpcServer {
  auth(
    cb: (
      accept: (session?: Record<string, unknown>, protocol?: string) => void,
      reject: (code: number, message: string) => void,
      handshake: RpcHandshake,
    ) => void,
  ): void;
  on(event: 'client', listener: (client: RpcServerClient) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  listen(port: number, host: string): Promise<Server>;
  close(options?: { code?: number; reason?: string; force?: boolean; awaitPending?: boolean }): Promise<void>;
}

/** Options of the RPCServer constructor that csms-dev sets. */
export interface RpcServerOptions {
  protocols: string[];
  strictMode: boolean;
  callTimeoutMs: number;
  respondWithDetailedErrors: boolean;
  maxBadMessages: number;
  pingIntervalMs: number;
}

type RpcServerCtor = new (options: RpcServerOptions) => RpcServer;

// ocpp-rpc is CommonJS and its bundled .d.ts files do not fit NodeNext resolution, so it is loaded with
// require and typed here, narrowly, by what this app relies on.
const { RPCServer, TimeoutError } = createRequire(import.meta.url)('ocpp-rpc') as { RPCServer: RpcServerCtor; TimeoutError: new () => Error };

/** Creates an ocpp-rpc RPCServer (the only place that touches the library's constructor). */
export function createRpcServer(options: RpcServerOptions): RpcServer {
  return new RPCServer(options);
}

/** True when a call failed because the station did not answer within the call timeout. */
export function isCallTimeout(error: unknown): boolean {
  return error instanceof TimeoutError;
}
