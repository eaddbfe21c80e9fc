import type { ChargePointTlsMaterial, ClockPort, LoggerPort } from '@evstation/core';
import { piBoardHardwareModule, sqliteStorageModule, stationModule, systemModule, wsTransportModule, type ContainerModule } from '@evstation/wiring';
import type { PiConfig } from './pi-config.js';
import { piBoardConfig, piStationSettings } from './pi-station.js';

/**
 * station-pi's module list (DESIGN rule 3): the system clock and pino, SQLite on the configured file, the ws
 * transport, and the board's real hardware. `replace` swaps the hardware, the transport or the clock (the container
 * test runs the simulated hardware module, a fake transport and a fake clock in their place).
 */
export function piModules(
  config: PiConfig,
  tls: ChargePointTlsMaterial | undefined,
  logger: LoggerPort,
  replace: { hardware?: ContainerModule; transport?: ContainerModule; clock?: ClockPort } = {},
): ContainerModule[] {
  return [
    systemModule({ logger, ...(replace.clock === undefined ? {} : { clock: replace.clock }) }),
    stationModule(piStationSettings(config, tls)),
    sqliteStorageModule({ path: config.storage.path }),
    replace.transport ?? wsTransportModule(),
    replace.hardware ?? piBoardHardwareModule(piBoardConfig(config)),
  ];
}
