import type { ChargePointCallbacks, ClockPort, LoggerPort, StationStores, TransportPort } from '@evstation/core';
import type { StationHardware } from './station-hardware.js';
import type { StationSettings } from './station-settings.js';

/** Opens one station's stores; called at every boot, so a power cycle reopens the same database. */
export type StationStoresFactory = () => StationStores;

/** Makes the transport of one boot. */
export type TransportFactory = (deps: { clock: ClockPort; logger: LoggerPort }) => TransportPort;

/** The notification callbacks an observer may take (they return nothing, so several listeners can share one). */
export type ObservedCallback =
  | 'connectorEffectiveOperativeStatusChanged'
  | 'evseEffectiveOperativeStatusChanged'
  | 'csEffectiveOperativeStatusChanged'
  | 'allConnectorsUnavailable'
  | 'securityEvent'
  | 'variableChanged'
  | 'bootNotification'
  | 'connectionStateChanged'
  | 'ocppMessages'
  | 'stopTransaction'
  | 'pauseCharging'
  | 'authorizationChanged'
  | 'remoteStartTransaction'
  | 'transactionEvent'
  | 'transactionEventResponse';

/**
 * The ChargePoint callbacks an app observes (message log, dashboard events), called after the evse-manager's own
 * callback of the same name. An observer that throws is logged and does not disturb the station.
 */
export type StationObserver = Partial<Pick<ChargePointCallbacks, ObservedCallback>>;

/** What a StationHost needs (DESIGN rule 3: one named deps object). */
export interface StationHostDeps {
  clock: ClockPort;
  logger: LoggerPort;
  settings: StationSettings;
  openStores: StationStoresFactory;
  newTransport: TransportFactory;
  hardware: StationHardware;
  observer?: StationObserver;
}
