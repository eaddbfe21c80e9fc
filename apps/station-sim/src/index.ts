/** station-sim as a library: option parsing and the pieces main.ts composes (issue 6 §2). */
export { parseSimArgs, OPTION_SPECS, type SimCommand, type OptionSources } from './cli-options.js';
export { DEFAULT_CONTROL, DEFAULTS, SimUsageError, stationDatabase, stationIdentity, type ControlAddress, type SimOptions } from './sim-options.js';
export { simStationModules } from './sim-container.js';
export { simStationSettings } from './sim-station-settings.js';
export { startSimRuntime, type SimRuntime } from './sim-runtime.js';
export { StationMonitor } from './station-monitor.js';
export { EventHub, type SimEvent } from './event-hub.js';
export type { StationView, EvseView, TransactionView } from './station-view.js';
export type { MessageLogEntry } from './message-log.js';
