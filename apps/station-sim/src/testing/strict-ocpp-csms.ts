import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** One CALL a station sent, in arrival order. */
export interface StationCall {
  identity: string;
  action: string;
  payload: Record<string, unknown>;
}

interface RpcClient {
  readonly identity: string;
  handle(method: string, handler: (call: { params: Record<string, unknown> }) => unknown): void;
  on(event: string, listener: (arg: never) => void): void;
}

interface RpcServer {
  auth(cb: (accept: (session?: object, protocol?: string) => void) => void): void;
  on(event: 'client', listener: (client: RpcClient) => void): void;
  listen(port: number, host: string): Promise<Server>;
  close(options?: { force?: boolean; awaitPending?: boolean }): Promise<void>;
}

type RpcServerCtor = new (options: { protocols: string[]; strictMode: boolean; respondWithDetailedErrors?: boolean; maxBadMessages?: number }) => RpcServer;

const { RPCServer } = createRequire(import.meta.url)('ocpp-rpc') as { RPCServer: RpcServerCtor };

/**
 * An independent CSMS for the end-to-end test: ocpp-rpc's RPCServer in strict mode (every frame checked against the
 * official OCPP 2.0.1 schemas), accepting boots and tokens, recording each station CALL and each schema violation.
 */
export class StrictOcppCsms {
  readonly calls: StationCall[] = [];
  readonly violations: string[] = [];
  private constructor(
    private readonly server: RpcServer,
    readonly url: string,
  ) {}

  static async start(): Promise<StrictOcppCsms> {
    const server = new RPCServer({ protocols: ['ocpp2.0.1'], strictMode: true, respondWithDetailedErrors: false, maxBadMessages: Infinity });
    server.auth((accept) => accept({}, 'ocpp2.0.1'));
    const http = await server.listen(0, '127.0.0.1');
    const csms = new StrictOcppCsms(server, `ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    server.on('client', (client) => csms.serve(client));
    return csms;
  }

  /** The payloads of one action, in order. */
  callsOf(action: string): Record<string, unknown>[] {
    return this.calls.filter((call) => call.action === action).map((call) => call.payload);
  }

  close(): Promise<void> {
    return this.server.close({ force: true, awaitPending: false });
  }

  private serve(client: RpcClient): void {
    client.on('strictValidationFailure', (event: { method: string; outbound: boolean; error: Error }) => {
      this.violations.push(`${event.outbound ? 'CSMS->CS' : 'CS->CSMS'} ${event.method}: ${event.error.message}`);
    });
    client.on('badMessage', (event: { error: Error }) => this.violations.push(`bad message: ${event.error.message}`));
    const answers: Record<string, () => unknown> = {
      BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }),
      Heartbeat: () => ({ currentTime: new Date().toISOString() }),
      Authorize: () => ({ idTokenInfo: { status: 'Accepted' } }),
      StatusNotification: () => ({}),
      TransactionEvent: () => ({}),
      MeterValues: () => ({}),
      NotifyEvent: () => ({}),
      SecurityEventNotification: () => ({}),
    };
    for (const [action, answer] of Object.entries(answers)) {
      client.handle(action, ({ params }) => {
        this.calls.push({ identity: client.identity, action, payload: params });
        return answer();
      });
    }
  }
}
