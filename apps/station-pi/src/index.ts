/** station-pi as a library: its config and module list (issue 6 §4). */
export { ConfigReader, PiConfigError } from './config-reader.js';
export type { PiConfig } from './pi-config.js';
export { parsePiConfig } from './parse-pi-config.js';
export { readPiCommand, type PiCommand } from './pi-cli.js';
export { piModules } from './pi-container.js';
export { piBoardConfig, piStationSettings } from './pi-station.js';
