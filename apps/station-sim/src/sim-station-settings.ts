import { createRequire } from 'node:module';
import type { ChargePointTlsMaterial } from '@evstation/core';
import { simulatedLayout, type StationSettings } from '@evstation/wiring';
import { stationIdentity, type SimOptions } from './sim-options.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** The settings of simulated station `index` (0-based) against `csmsUrl` (DESIGN 7). */
export function simStationSettings(options: SimOptions, index: number, csmsUrl: string, tls: ChargePointTlsMaterial | undefined): StationSettings {
  const identity = stationIdentity(options.id, index, options.stations);
  return {
    identity,
    csmsUrl,
    securityProfile: options.securityProfile,
    ...(options.password === undefined ? {} : { basicAuthPassword: options.password }),
    ...(tls === undefined ? {} : { tls }),
    // serialNumber is at most 25 characters (BootNotification schema).
    chargingStation: { model: 'station-sim', vendorName: 'evstation', serialNumber: identity.slice(-25), firmwareVersion: version },
    layout: simulatedLayout(options.evses),
    deviceModelValues: options.deviceModel,
  };
}
