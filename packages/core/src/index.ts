export type * from './ports/index.js';
export * from './messages/index.js';
export * from './rpc/index.js';
export * from './storage-memory/index.js';
export * from './device-model/index.js';
export * from './charge-point/index.js';
export { Availability, type AvailabilityEvents, type ConnectorRef } from './blocks/availability/availability.js';
export { connectorStatus, type ConnectorFacts } from './blocks/availability/connector-status.js';
export { SecurityEvents, type SecurityEventSink, type SecurityEventsOptions } from './blocks/security/security-events.js';
export { DEFAULT_SECURITY_EVENT_CRITICALITY } from './blocks/security/security-event-criticality.js';
export { EventNotifier, lockFailureEvent, type StationEvent } from './blocks/diagnostics/event-notifier.js';
export { silentLogger } from './logging/silent-logger.js';
export * from './blocks/authorization/index.js';
export * from './blocks/transactions/index.js';
export * from './blocks/meter-values/index.js';
/** A clock moved by hand (tests, crash harnesses, accelerated simulations); also in @evstation/core/testing. */
export { FakeClock } from './testing/fake-clock.js';
export * from './evse-manager/index.js';
