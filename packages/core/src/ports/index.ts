export type { ClockPort, TimerHandle } from './clock.port.js';
export type { LoggerPort, LogFields, LogMethod } from './logger.port.js';
export type { SecurityEvent, SecurityEventType } from './security-event.js';
export type {
  DisconnectReason,
  RetryBackOff,
  SecurityProfile,
  TransportConnectionOptions,
  TransportEvents,
  TransportPort,
  TransportTlsOptions,
} from './transport.port.js';
