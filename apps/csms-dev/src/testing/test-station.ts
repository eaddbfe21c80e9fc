import { createRequire } from 'node:module';

/** The parts of ocpp-rpc's RPCClient the tests use. */
interface RpcClient {
  connect(): Promise<unknown>;
  call(method: string, params: unknown): Promise<unknown>;
  handle(method: string, handler: (call: { params: unknown }) => unknown): void;
  close(options?: { force?: boolean }): Promise<unknown>;
  on(event: 'close', listener: () => void): void;
}

type RpcClientCtor = new (options: {
  endpoint: string;
  identity: string;
  protocols: string[];
  strictMode: boolean;
  reconnect: boolean;
  password?: string;
  callTimeoutMs: number;
}) => RpcClient;

const { RPCClient } = createRequire(import.meta.url)('ocpp-rpc') as { RPCClient: RpcClientCtor };

/** How a test station connects. */
export interface TestStationOptions {
  /** Basic-auth password (security profile 1). */
  password?: string;
  /**
   * Strict mode checks the station's own frames and csms-dev's answers against the official schemas (default true).
   * Off only to play a station that breaks the schemas.
   */
  strict?: boolean;
}

/** A real peer: ocpp-rpc's RPCClient speaking ocpp2.0.1, connected to `baseUrl/identity`. */
export class TestStation {
  private closed = false;
  private readonly closedWaiters: (() => void)[] = [];

  private constructor(
    readonly identity: string,
    private readonly client: RpcClient,
  ) {
    client.on('close', () => {
      this.closed = true;
      for (const resolve of this.closedWaiters.splice(0)) resolve();
    });
  }

  /** Connects; rejects when the CSMS refuses the websocket upgrade (e.g. 401). */
  static async connect(baseUrl: string, identity: string, options: TestStationOptions = {}): Promise<TestStation> {
    const client = new RPCClient({
      endpoint: baseUrl,
      identity,
      protocols: ['ocpp2.0.1'],
      strictMode: options.strict ?? true,
      reconnect: false,
      callTimeoutMs: 10_000,
      ...(options.password === undefined ? {} : { password: options.password }),
    });
    await client.connect();
    return new TestStation(identity, client);
  }

  /** Sends a CALL and resolves with csms-dev's CALLRESULT (in strict mode, already checked against the schema). */
  call(action: string, payload: unknown): Promise<unknown> {
    return this.client.call(action, payload);
  }

  /** Answers CSMS CALLs of one action. */
  handle(action: string, handler: (params: unknown) => unknown): void {
    this.client.handle(action, ({ params }) => handler(params));
  }

  /** Resolves when the connection has closed (from either side). */
  whenClosed(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => this.closedWaiters.push(resolve));
  }

  /** Closes the connection at once. */
  async close(): Promise<void> {
    await this.client.close({ force: true });
  }
}
