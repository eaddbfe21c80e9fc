import { silentLogger, type LoggerPort } from '@evstation/core';
import type { CsmsDev, StationConnectionEvent } from './csms-dev-api.js';
import { FrameLedger } from './frame-ledger.js';
import type { FrameRecord } from './frame-record.js';
import { HttpApi } from './http-api.js';
import { OcppEndpoint } from './ocpp-endpoint.js';
import { applyPolicyPatch, DEFAULT_POLICY, type CsmsPolicy, type PolicyPatch } from './policy.js';
import { createStationCallHandlers } from './station-call-handlers.js';
import { StationRegistry } from './station-registry.js';

/** How to start csms-dev; every field has a default. */
export interface CsmsDevOptions {
  /** Interface to bind both servers to (default 127.0.0.1: loopback only). */
  host?: string;
  /** OCPP websocket port (default 9000; 0 = any free port). */
  port?: number;
  /** HTTP API port (default 9001; 0 = any free port). */
  httpPort?: number;
  /** Changes to the default policy (boot Accepted, interval 300 s, accept every idToken). */
  policy?: PolicyPatch;
  /** Basic-auth password every station must present (security profile 1); none required when absent. */
  password?: string;
  /** How many frames the ledger keeps (default 10,000). */
  ledgerSize?: number;
  /** How long a CSMS->CS call waits for an answer (default 30,000 ms). */
  callTimeoutMs?: number;
  /** Where log lines go (pino fits); silent by default. */
  logger?: LoggerPort;
  /** The clock for currentTime and the ledger (default: the system clock). */
  now?: () => Date;
}

/** Starts the development CSMS: the strict OCPP 2.0.1 websocket server and the HTTP JSON API (DESIGN 7). */
export async function startCsmsDev(options: CsmsDevOptions = {}): Promise<CsmsDev> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  let policy: CsmsPolicy = applyPolicyPatch(DEFAULT_POLICY, options.policy ?? {});
  const registry = new StationRegistry(now);
  const ledger = new FrameLedger({
    capacity: options.ledgerSize ?? 10_000,
    now,
    onListenerError: (error) => logger.warn({ err: (error as Error).message }, 'a frame listener failed'),
  });
  const connectionListeners = new Set<(event: StationConnectionEvent) => void>();
  const endpoint = new OcppEndpoint({
    handlers: createStationCallHandlers({ policy: () => policy, registry, now }),
    registry,
    ledger,
    logger,
    now,
    password: options.password,
    callTimeoutMs: options.callTimeoutMs ?? 30_000,
    connectionChanged: (event) => {
      for (const listener of connectionListeners) {
        try {
          listener(event);
        } catch (error) {
          logger.warn({ err: (error as Error).message }, 'a station connection listener failed');
        }
      }
    },
  });

  const control = {
    get policy(): CsmsPolicy {
      return policy;
    },
    setPolicy(patch: PolicyPatch): CsmsPolicy {
      policy = applyPolicyPatch(policy, patch);
      logger.info({ boot: policy.boot, heartbeatInterval: policy.heartbeatInterval, acceptAll: policy.acceptAll, tokens: policy.tokens.length }, 'policy changed');
      return policy;
    },
    stations: () => registry.list(),
    station: (identity: string) => registry.get(identity),
    frames: (query = {}) => ledger.list(query),
    ledgerCapacity: ledger.capacity,
    onFrame: (listener: (frame: FrameRecord) => void) => ledger.subscribe(listener),
    call: (identity: string, action: string, payload: unknown, callOptions: { timeoutMs?: number } = {}) =>
      endpoint.call(identity, action, payload, callOptions.timeoutMs),
  } satisfies Omit<CsmsDev, 'ocppUrl' | 'httpUrl' | 'onStationConnection' | 'close'>;

  const http = new HttpApi({ csms: control, logger });
  const ocppPort = await endpoint.listen(options.port ?? 9000, host);
  let httpPort: number;
  try {
    httpPort = await http.listen(options.httpPort ?? 9001, host);
  } catch (error) {
    // Do not leave the websocket port bound when the HTTP port is taken.
    await endpoint.close();
    throw error;
  }
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  logger.info({ ocppUrl: `ws://${hostInUrl}:${ocppPort}`, httpUrl: `http://${hostInUrl}:${httpPort}` }, 'csms-dev listening');

  let closing: Promise<void> | undefined;
  return Object.assign(control, {
    ocppUrl: `ws://${hostInUrl}:${ocppPort}`,
    httpUrl: `http://${hostInUrl}:${httpPort}`,
    onStationConnection(listener: (event: StationConnectionEvent) => void): () => void {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close(): Promise<void> {
      closing ??= Promise.all([http.close(), endpoint.close()]).then(() => undefined);
      return closing;
    },
  });
}
