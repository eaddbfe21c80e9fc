import { bindTransport, loggingMiddleware, Router, RpcEndpoint, validationMiddleware, type FunctionalBlock, type TransportConnectionOptions } from '@evstation/core';
import { MemoryLogger } from '@evstation/core/testing';
import { SystemClock } from '@evstation/adapters-hw';
import { WsTransport } from '@evstation/adapters-transport';

/** The station-side RPC stack over a real websocket: WsTransport + RpcEndpoint + Router, on the real clock. */
export interface RpcStation {
  endpoint: RpcEndpoint;
  transport: WsTransport;
  logger: MemoryLogger;
  /** Resolves when the websocket is open. */
  connected: Promise<void>;
  stop(): Promise<void>;
}

/** Connects a station with the given blocks to `csmsUrl` as `identity` (profile 0 unless options say otherwise). */
export function startRpcStation(
  csmsUrl: string,
  identity: string,
  blocks: FunctionalBlock[],
  overrides: Partial<TransportConnectionOptions> = {},
): RpcStation {
  const clock = new SystemClock();
  const logger = new MemoryLogger();
  const router = new Router(blocks, [loggingMiddleware(logger), validationMiddleware(logger)]);
  const endpoint = new RpcEndpoint({ clock, logger, dispatcher: router }, 30_000);
  const transport = new WsTransport({ clock, logger });
  let markConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (markConnected = resolve));
  bindTransport(
    transport,
    endpoint,
    {
      csmsUrl,
      identity,
      securityProfile: 0,
      pingIntervalSeconds: 0,
      retryBackOff: { waitMinimumSeconds: 1, randomRangeSeconds: 1, repeatTimes: 2 },
      ...overrides,
    },
    logger,
    { onConnected: () => markConnected() },
  );
  return { endpoint, transport, logger, connected, stop: () => transport.disconnect() };
}
