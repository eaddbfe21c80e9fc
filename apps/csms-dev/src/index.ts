/** The development CSMS: start it, drive it, read what it saw (DESIGN 7). */
export { startCsmsDev, type CsmsDevOptions } from './csms-dev.js';
export type { CallOptions, CsmsControl, CsmsDev, StationConnectionEvent } from './csms-dev-api.js';
export type { CallFailure, CallOutcome } from './call-outcome.js';
export type { FrameQuery } from './frame-ledger.js';
export type { FrameDirection, FrameMessageType, FrameRecord } from './frame-record.js';
export { DEFAULT_POLICY, PolicyError, type CsmsPolicy, type PolicyPatch } from './policy.js';
export type { ConnectorState, OpenTransaction, SchemaViolation, StationState } from './station-registry.js';
export { parseCliArgs, CliUsageError, type CliCommand, type LogLevel } from './cli-options.js';
