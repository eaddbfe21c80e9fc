import type { LoggerPort } from '../ports/logger.port.js';
import type { SecurityEvent } from '../ports/security-event.js';
import type { DisconnectReason, TransportConnectionOptions, TransportPort } from '../ports/transport.port.js';
import type { RpcEndpoint } from './rpc-endpoint.js';

/** What the owner of a connection wants to hear about. */
export interface ConnectionHooks {
  onConnected?: () => void;
  onDisconnected?: (info: { reason: DisconnectReason; code?: number; detail?: string }) => void;
  onSecurityEvent?: (event: SecurityEvent) => void;
}

/** Connects `transport` with `options` and feeds its frames to `endpoint`, and the endpoint's frames to it. */
export function bindTransport(
  transport: TransportPort,
  endpoint: RpcEndpoint,
  options: TransportConnectionOptions,
  logger: LoggerPort,
  hooks: ConnectionHooks = {},
): void {
  transport.connect(options, {
    onConnected: () => {
      logger.info({ csmsUrl: options.csmsUrl }, 'Connected to CSMS');
      endpoint.connected({ send: (text) => transport.send(text) });
      hooks.onConnected?.();
    },
    onMessage: (text) => endpoint.receive(text),
    onDisconnected: (info) => {
      logger.info({ reason: info.reason, code: info.code }, 'Disconnected from CSMS');
      endpoint.disconnected();
      hooks.onDisconnected?.(info);
    },
    onSecurityEvent: (event) => hooks.onSecurityEvent?.(event),
  });
}
