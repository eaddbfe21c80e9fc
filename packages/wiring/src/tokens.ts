import type { ClockPort, LoggerPort } from '@evstation/core';
import type { SimulatedEvse } from '@evstation/adapters-hw';
import type { ServiceIdentifier } from 'inversify';
import type { StationHardware } from './station-hardware.js';
import type { StationHost } from './station-host.js';
import type { StationObserver, StationStoresFactory, TransportFactory } from './station-host-deps.js';
import type { StationSettings } from './station-settings.js';
import type { SimulatedStation } from './modules/simulated-station.module.js';

/** A typed token; its description is what inversify names in a "No bindings found" error. */
function token<T>(name: string): ServiceIdentifier<T> {
  return Symbol(name);
}

/**
 * The typed service identifiers of the evstation graph (DESIGN rule 3). One ContainerModule binds each choice: the
 * system module binds Clock and Logger, a storage module StoresFactory, a transport module TransportFactory, a hardware
 * module StationHardware, the station module StationSettings and StationHost.
 */
export const TOKENS = {
  /** ClockPort: the system clock in apps, a FakeClock in tests. */
  Clock: token<ClockPort>('ClockPort'),
  /** LoggerPort: pino in apps. */
  Logger: token<LoggerPort>('LoggerPort'),
  /** What one station is: identity, CSMS, security, layout, device model values. */
  StationSettings: token<StationSettings>('StationSettings'),
  /** Opens the station's stores (once per boot; a power cycle reopens them). */
  StoresFactory: token<StationStoresFactory>('StationStoresFactory'),
  /** Makes the websocket transport of one boot. */
  TransportFactory: token<TransportFactory>('TransportFactory'),
  /** The EVSEs' hardware ports (simulated or a real board). */
  StationHardware: token<StationHardware>('StationHardware'),
  /** The simulated EVSEs behind StationHardware (simulated hardware module only). */
  SimulatedEvses: token<readonly SimulatedEvse[]>('SimulatedEvses'),
  /** The app's view of the ChargePoint's callbacks (message log, dashboard events); optional. */
  StationObserver: token<StationObserver>('StationObserver'),
  /** One station's lifecycle: boot, stop, reset, power cycle. */
  StationHost: token<StationHost>('StationHost'),
  /** A simulated station: its host and its simulated EVSEs (what station-sim drives). */
  SimulatedStation: token<SimulatedStation>('SimulatedStation'),
} as const;
