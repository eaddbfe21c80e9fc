import type { ClockPort, LoggerPort } from '@evstation/core';
import { ContainerModule } from 'inversify';
import type { StationHardware } from '../station-hardware.js';
import { StationHost } from '../station-host.js';
import type { StationObserver, StationStoresFactory, TransportFactory } from '../station-host-deps.js';
import type { StationSettings } from '../station-settings.js';
import { TOKENS } from '../tokens.js';

/**
 * One station: its settings and the StationHost built from the clock, logger, storage, transport and hardware the
 * other modules bind (and the app's StationObserver when one is bound).
 */
export function stationModule(settings: StationSettings): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.StationSettings).toConstantValue(settings);
    bind(TOKENS.StationHost)
      .toResolvedValue(
        (
          clock: ClockPort,
          logger: LoggerPort,
          stationSettings: StationSettings,
          openStores: StationStoresFactory,
          newTransport: TransportFactory,
          hardware: StationHardware,
          observer: StationObserver | undefined,
        ) => new StationHost({ clock, logger, settings: stationSettings, openStores, newTransport, hardware, ...(observer === undefined ? {} : { observer }) }),
        [
          TOKENS.Clock,
          TOKENS.Logger,
          TOKENS.StationSettings,
          TOKENS.StoresFactory,
          TOKENS.TransportFactory,
          TOKENS.StationHardware,
          { serviceIdentifier: TOKENS.StationObserver, optional: true },
        ],
      )
      .inSingletonScope();
  });
}

/** Binds the app's observer of one station's ChargePoint callbacks. */
export function observerModule(observer: StationObserver): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.StationObserver).toConstantValue(observer);
  });
}
