/** @evstation/wiring: typed tokens and one inversify ContainerModule per choice (DESIGN rule 3, issue 6 §1). */
export { TOKENS } from './tokens.js';
export { createAppContainer, createStationContainer, type Container, type ContainerModule } from './containers.js';
export { StationHost, type RunningStation, type StationHostState } from './station-host.js';
export type { ObservedCallback, StationHostDeps, StationObserver, StationStoresFactory, TransportFactory } from './station-host-deps.js';
export type { StationHardware } from './station-hardware.js';
export { configuredNetworkProfile, deviceModelValues, type StationSettings } from './station-settings.js';
export { StationConfigError, validateStation } from './station-config-error.js';
export { readStationTlsFiles, type StationTlsFileNames, type StationTlsFiles } from './station-tls-files.js';
export { stationCallbacks } from './station-callbacks.js';
export { systemModule } from './modules/system.module.js';
export { sqliteStorageModule } from './modules/sqlite-storage.module.js';
export { memoryStorageModule } from './modules/memory-storage.module.js';
export { wsTransportModule } from './modules/ws-transport.module.js';
export { simulatedHardwareModule, simulatedLayout, type SimulatedHardwareOptions } from './modules/simulated-hardware.module.js';
export { simulatedStationModule, type SimulatedStation } from './modules/simulated-station.module.js';
export { observerModule, stationModule } from './modules/station.module.js';
export { piBoardHardwareModule, type PiBoardHardwareConfig } from './modules/pi-board-hardware.module.js';
