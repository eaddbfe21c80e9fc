import {
  memoryStorageModule,
  observerModule,
  simulatedHardwareModule,
  simulatedStationModule,
  sqliteStorageModule,
  stationModule,
  wsTransportModule,
  type ContainerModule,
  type StationObserver,
  type StationSettings,
} from '@evstation/wiring';
import { stationDatabase, type SimOptions } from './sim-options.js';

/**
 * The module list of simulated station `index` (DESIGN rule 3: an app is config plus its list of modules): SQLite on
 * its own file (or in-memory stores for `--db :memory:`), the ws transport, simulated hardware, and the app's observer.
 * `transport` replaces the websocket (the container test uses a fake one).
 */
export function simStationModules(
  options: SimOptions,
  index: number,
  settings: StationSettings,
  observer: StationObserver,
  replace: { transport?: ContainerModule } = {},
): ContainerModule[] {
  const db = stationDatabase(options, index);
  return [
    stationModule(settings),
    db === ':memory:' ? memoryStorageModule() : sqliteStorageModule({ path: db }),
    replace.transport ?? wsTransportModule(),
    simulatedHardwareModule({ evses: options.evses }),
    simulatedStationModule(),
    observerModule(observer),
  ];
}
