import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

// ocpp-rpc is CommonJS and its typings want every option; these are the parts used here (as in test/src/support/strict-csms.ts).
interface ServerClientLike {
  handle(method: string, handler: (call: { params: unknown }) => unknown): void;
  on(event: 'strictValidationFailure', listener: (event: { method: string; error: Error }) => void): void;
}

interface RpcServerLike {
  auth(cb: (accept: (session?: object, protocol?: string) => void) => void): void;
  on(event: 'client', listener: (client: ServerClientLike) => void): void;
  listen(port: number, host: string): Promise<Server>;
  close(options?: { force?: boolean; awaitPending?: boolean }): Promise<void>;
}

interface RpcClientLike {
  connect(): Promise<unknown>;
  call(method: string, params: unknown): Promise<unknown>;
  close(options?: { force?: boolean }): Promise<unknown>;
}

type RpcServerCtor = new (options: { protocols: string[]; strictMode: boolean; respondWithDetailedErrors?: boolean; maxBadMessages?: number }) => RpcServerLike;
type RpcClientCtor = new (options: { endpoint: string; identity: string; protocols: string[]; strictMode: boolean; reconnect: boolean }) => RpcClientLike;

const { RPCServer, RPCClient } = createRequire(import.meta.url)('ocpp-rpc') as { RPCServer: RpcServerCtor; RPCClient: RpcClientCtor };

const handlers: Record<string, () => unknown> = {
  BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }),
  StatusNotification: () => ({}),
  SecurityEventNotification: () => ({}),
  Heartbeat: () => ({ currentTime: new Date().toISOString() }),
  Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
  TransactionEvent: () => ({}),
  MeterValues: () => ({}),
};

/** ocpp-rpc's RPCServer in strict mode (OCPP 2.0.1 schemas both ways) on 127.0.0.1, accepting every station. */
export class LoopbackCsms {
  /** Station frames the strict mode refused ("action: message"); a benchmark only prints them. */
  readonly violations: string[] = [];
  private port = 0;

  private constructor(private readonly server: RpcServerLike) {}

  /** Starts on `port` (a CSMS coming back after an outage) or a free port. */
  static async start(port = 0): Promise<LoopbackCsms> {
    const server = new RPCServer({ protocols: ['ocpp2.0.1'], strictMode: true, respondWithDetailedErrors: false, maxBadMessages: Infinity });
    const csms = new LoopbackCsms(server);
    server.auth((accept) => accept({}, 'ocpp2.0.1'));
    server.on('client', (client) => {
      client.on('strictValidationFailure', (event) => csms.violations.push(`${event.method}: ${event.error.message}`));
      for (const [method, handler] of Object.entries(handlers)) client.handle(method, handler);
    });
    const http = await server.listen(port, '127.0.0.1');
    csms.port = (http.address() as AddressInfo).port;
    return csms;
  }

  /** The port it listens on. */
  get listeningPort(): number {
    return this.port;
  }

  /** Base URL for stations (`ws://127.0.0.1:PORT`). */
  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    await this.server.close({ force: true, awaitPending: false });
  }
}

/** Baseline: milliseconds for a bare ocpp-rpc client to connect and get its BootNotification answered (no stores, no device model). */
export async function rpcClientBootMs(csmsUrl: string, identity: string): Promise<number> {
  const start = performance.now();
  const client = new RPCClient({ endpoint: csmsUrl, identity, protocols: ['ocpp2.0.1'], strictMode: false, reconnect: false });
  await client.connect();
  const response = (await client.call('BootNotification', {
    reason: 'PowerUp',
    chargingStation: { model: 'BenchStation', vendorName: 'evstation' },
  })) as { status?: string };
  const ms = performance.now() - start;
  await client.close({ force: true });
  if (response.status !== 'Accepted') throw new Error(`baseline BootNotification answered ${String(response.status)}`);
  return ms;
}
