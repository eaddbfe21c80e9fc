import { SimulatedEvse, type SimulatedEvOptions } from '@evstation/adapters-hw';
import type { ClockPort, LoggerPort, StationLayout } from '@evstation/core';
import { ContainerModule } from 'inversify';
import type { StationHardware } from '../station-hardware.js';
import type { StationSettings } from '../station-settings.js';
import { TOKENS } from '../tokens.js';

/** How the simulated EVSEs are built. */
export interface SimulatedHardwareOptions {
  /** Number of EVSEs, ids 1..n, one Type 2 connector each. */
  evses: number;
  /** The installation's maximum current per phase of each EVSE; default 32 A (22 kW three-phase). */
  maxCurrentA?: number;
  /** How the simulated EVs behave (battery, SoC, on-board charger). */
  ev?: Partial<SimulatedEvOptions>;
}

/** 32 A per phase: 22 kW three-phase, the layout's and the hardware's default alike. */
const DEFAULT_MAX_CURRENT_A = 32;

/** The layout that matches simulated hardware of `evses` EVSEs: three-phase, `maxCurrentA` x 230 V x 3, one cType2 each. */
export function simulatedLayout(evses: number, maxCurrentA = DEFAULT_MAX_CURRENT_A): StationLayout {
  return {
    supplyPhases: 3,
    evses: Array.from({ length: evses }, (_, i) => ({ id: i + 1, powerW: maxCurrentA * 230 * 3, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] })),
  };
}

/**
 * Simulated hardware (DESIGN 6): one SimulatedEvse per EVSE (EV, controller, meter, lock, token reader) behind the
 * hardware ports, scriptable from tests and the station-sim control API. The EVs outlive the station's boots.
 */
export function simulatedHardwareModule(options: SimulatedHardwareOptions): ContainerModule {
  const maxCurrentA = options.maxCurrentA ?? DEFAULT_MAX_CURRENT_A;
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.SimulatedEvses)
      .toResolvedValue(
        (clock: ClockPort, logger: LoggerPort, settings: StationSettings) => {
          const stationLogger = logger.child({ station: settings.identity });
          return Array.from({ length: options.evses }, (_, i) => new SimulatedEvse({ clock, logger: stationLogger, evseId: i + 1, ...(options.ev === undefined ? {} : { ev: options.ev }) }));
        },
        [TOKENS.Clock, TOKENS.Logger, TOKENS.StationSettings],
      )
      .inSingletonScope();
    bind(TOKENS.StationHardware)
      .toResolvedValue(
        (evses: readonly SimulatedEvse[]): StationHardware => ({
          evses: evses.map((evse, i) => ({ evseId: i + 1, controller: evse.controller, meter: evse.meter, lock: evse.lock, tokenReader: evse.tokenReader, maxCurrentA })),
        }),
        [TOKENS.SimulatedEvses],
      )
      .inSingletonScope();
  });
}
