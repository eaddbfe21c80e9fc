import type { SimulatedEvse } from '@evstation/adapters-hw';
import { ContainerModule } from 'inversify';
import type { StationHost } from '../station-host.js';
import { TOKENS } from '../tokens.js';

/** A simulated station: the host that boots it and the simulated EVSEs a control API drives. */
export interface SimulatedStation {
  host: StationHost;
  evses: readonly SimulatedEvse[];
}

/** Binds SimulatedStation, the one object a simulator app takes from a station's container. */
export function simulatedStationModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.SimulatedStation)
      .toResolvedValue((host: StationHost, evses: readonly SimulatedEvse[]): SimulatedStation => ({ host, evses }), [TOKENS.StationHost, TOKENS.SimulatedEvses])
      .inSingletonScope();
  });
}
