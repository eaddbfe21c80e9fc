import type { AddressInfo } from 'node:net';
import { ACTIONS, isOcppAction, type LoggerPort, type RequestOf } from '@evstation/core';
import { passwordMatches } from './basic-auth-check.js';
import type { CallOutcome } from './call-outcome.js';
import type { StationConnectionEvent } from './csms-dev-api.js';
import type { FrameLedger } from './frame-ledger.js';
import { createRpcServer, isCallTimeout, type RpcErrorLike, type RpcServer, type RpcServerClient } from './ocpp-rpc.js';
import type { StationCallHandler, StationCallHandlers, StationInitiatedAction } from './station-call-handlers.js';
import type { StationRegistry } from './station-registry.js';

/** The OCPP-J subprotocol csms-dev speaks (and the only one). */
export const OCPP_SUBPROTOCOL = 'ocpp2.0.1';

/** What the websocket side of csms-dev needs. */
export interface OcppEndpointDeps {
  readonly handlers: StationCallHandlers;
  readonly registry: StationRegistry;
  readonly ledger: FrameLedger;
  readonly logger: LoggerPort;
  readonly now: () => Date;
  /** The Basic-auth password stations must present (security profile 1); none required when undefined. */
  readonly password: string | undefined;
  /** How long a CSMS->CS call waits for the station's answer by default. */
  readonly callTimeoutMs: number;
  /** Told when a station connects or disconnects. */
  readonly connectionChanged: (event: StationConnectionEvent) => void;
}

/**
 * The OCPP 2.0.1 websocket server: an ocpp-rpc RPCServer in strict mode, so every frame both ways is checked
 * against the official schemas; one client per station identity (the last URL path segment, any prefix).
 */
export class OcppEndpoint {
  private readonly server: RpcServer;
  private readonly clients = new Map<string, RpcServerClient>();
  /** Errors ocpp-rpc raised for our own request payload (never sent) and for a station's bad CALLRESULT. */
  private readonly refusedRequests = new WeakSet<object>();
  private readonly badResults = new WeakSet<object>();

  constructor(private readonly deps: OcppEndpointDeps) {
    this.server = createRpcServer({
      protocols: [OCPP_SUBPROTOCOL],
      strictMode: true,
      callTimeoutMs: deps.callTimeoutMs,
      respondWithDetailedErrors: false,
      // A development CSMS keeps talking to a station that sends bad frames, and records them.
      maxBadMessages: Infinity,
      pingIntervalMs: 30_000,
    });
    this.server.auth((accept, reject, handshake) => {
      if (handshake.identity === '') {
        reject(404, 'No charging station identity in the URL path');
        return;
      }
      if (!handshake.protocols.has(OCPP_SUBPROTOCOL)) {
        reject(400, `Subprotocol ${OCPP_SUBPROTOCOL} is required`);
        return;
      }
      if (deps.password !== undefined && !passwordMatches(handshake.password, deps.password)) {
        deps.logger.warn({ identity: handshake.identity, remoteAddress: handshake.remoteAddress }, 'refused a station: wrong or missing Basic-auth password');
        reject(401, 'Unauthorized');
        return;
      }
      accept({}, OCPP_SUBPROTOCOL);
    });
    this.server.on('client', (client) => this.attach(client));
    this.server.on('error', (error) => deps.logger.error({ err: error.message }, 'websocket server error'));
  }

  /** Starts listening; resolves with the bound port. */
  async listen(port: number, host: string): Promise<number> {
    const http = await this.server.listen(port, host);
    return (http.address() as AddressInfo).port;
  }

  /** Sends one CSMS->CS CALL and classifies what came of it (nothing throws). */
  async call(identity: string, action: string, payload: unknown, timeoutMs?: number): Promise<CallOutcome> {
    if (!isOcppAction(action)) return { kind: 'notCsmsAction', reason: `${action} is not an OCPP 2.0.1 action` };
    if (ACTIONS[action].direction === 'CS->CSMS') return { kind: 'notCsmsAction', reason: `${action} is sent by the Charging Station, not by the CSMS` };
    const client = this.clients.get(identity);
    if (client === undefined) return { kind: 'notConnected' };
    try {
      const response = await client.call(action, payload, timeoutMs === undefined ? {} : { callTimeoutMs: timeoutMs });
      return { kind: 'response', response };
    } catch (caught) {
      return this.classify(action, caught as RpcErrorLike);
    }
  }

  /** Closes every station connection and stops listening. */
  async close(): Promise<void> {
    await this.server.close({ code: 1001, reason: 'csms-dev shutting down', awaitPending: false });
  }

  private classify(action: string, error: RpcErrorLike): CallOutcome {
    if (this.refusedRequests.has(error)) {
      const errors = (error.details as { errors?: unknown } | undefined)?.errors ?? null;
      return { kind: 'refused', reason: `payload breaks the OCPP 2.0.1 schema of ${action}Request: ${error.message}`, schemaErrors: errors };
    }
    if (isCallTimeout(error)) return { kind: 'failed', error: { code: 'Timeout', description: `no answer to ${action} within the call timeout`, details: {} } };
    if (this.badResults.has(error)) {
      const description = `the station's CALLRESULT breaks the OCPP 2.0.1 schema of ${action}Response: ${error.message}`;
      return { kind: 'failed', error: { code: error.rpcErrorCode ?? 'FormatViolation', description, details: error.details ?? {} } };
    }
    if (error.rpcErrorCode !== undefined) return { kind: 'failed', error: { code: error.rpcErrorCode, description: error.message, details: error.details ?? {} } };
    // ocpp-rpc rejects pending calls with a plain AbortError when the socket closes.
    if (error.name === 'AbortError') return { kind: 'failed', error: { code: 'Disconnected', description: `the station disconnected before answering (${error.message})`, details: {} } };
    return { kind: 'failed', error: { code: 'GenericError', description: error.message, details: {} } };
  }

  private attach(client: RpcServerClient): void {
    const { identity } = client;
    const { registry, ledger, logger } = this.deps;
    const previous = this.clients.get(identity);
    if (previous !== undefined) {
      // A station that reconnects while its old socket lingers (e.g. after a network cut) replaces it.
      logger.info({ identity }, 'station reconnected; closing its previous connection');
      void previous.close({ force: true });
    }
    this.clients.set(identity, client);
    registry.connected(identity, client.handshake.remoteAddress);
    logger.info({ identity, remoteAddress: client.handshake.remoteAddress }, 'station connected');

    client.on('message', ({ message, outbound }) => {
      const frame = ledger.record(identity, outbound ? 'CSMS->CS' : 'CS->CSMS', message.toString());
      logger.debug({ identity, direction: frame.direction, messageType: frame.messageType, action: frame.action, messageId: frame.messageId }, 'frame');
    });
    client.on('strictValidationFailure', (event) => {
      if (event.outbound && event.isCall) this.refusedRequests.add(event.error);
      if (!event.outbound && !event.isCall) this.badResults.add(event.error);
      const direction = event.outbound ? 'CSMS->CS' : 'CS->CSMS';
      registry.schemaViolation(identity, { time: this.deps.now().toISOString(), action: event.method, direction, messageId: event.messageId, message: event.error.message });
      logger.warn({ identity, action: event.method, direction, isCall: event.isCall, error: event.error.message }, 'frame breaks the OCPP 2.0.1 schema');
    });
    client.on('close', ({ code }) => {
      if (this.clients.get(identity) !== client) return;
      this.clients.delete(identity);
      registry.disconnected(identity);
      ledger.forgetOpenCalls(identity);
      logger.info({ identity, code }, 'station disconnected');
      this.deps.connectionChanged({ type: 'disconnected', identity });
    });
    for (const action of Object.keys(this.deps.handlers) as StationInitiatedAction[]) this.handle(client, action);
    this.deps.connectionChanged({ type: 'connected', identity });
  }

  private handle<A extends StationInitiatedAction>(client: RpcServerClient, action: A): void {
    const handler: StationCallHandler<A> = this.deps.handlers[action];
    // ocpp-rpc's strict mode has checked params against the request schema before a handler runs.
    client.handle(action, ({ params }) => handler(client.identity, params as RequestOf<A>));
  }
}
