import { createRequire } from 'node:module';
import type { ChargePointTlsMaterial } from '@evstation/core';
import type { PiBoardHardwareConfig, StationSettings } from '@evstation/wiring';
import type { PiConfig } from './pi-config.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** The station's settings from its config (DESIGN 7: the app is config plus modules). */
export function piStationSettings(config: PiConfig, tls: ChargePointTlsMaterial | undefined): StationSettings {
  const { evse } = config;
  return {
    identity: config.station.identity,
    csmsUrl: config.csms.url,
    securityProfile: config.csms.securityProfile,
    ...(config.csms.password === undefined ? {} : { basicAuthPassword: config.csms.password }),
    ...(tls === undefined ? {} : { tls }),
    chargingStation: {
      model: config.station.model,
      vendorName: config.station.vendorName,
      ...(config.station.serialNumber === undefined ? {} : { serialNumber: config.station.serialNumber }),
      firmwareVersion: config.station.firmwareVersion ?? version,
    },
    layout: {
      supplyPhases: evse.phases,
      evses: [{ id: evse.id, powerW: Math.round(evse.maxCurrentA * 230 * evse.phases), supplyPhases: evse.phases, connectors: [{ id: 1, connectorType: evse.connectorType }] }],
    },
    deviceModelValues: config.deviceModel,
    ...(config.meter.intervalS === undefined ? {} : { evseManager: { meterIntervalS: config.meter.intervalS } }),
  };
}

/** The board's hardware as the Pi hardware module takes it. */
export function piBoardConfig(config: PiConfig): PiBoardHardwareConfig {
  return {
    evseId: config.evse.id,
    maxCurrentA: config.evse.maxCurrentA,
    tethered: config.evse.tethered,
    meter: { model: config.meter.model, link: config.meter.link, unitId: config.meter.unitId, ...(config.meter.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: config.meter.requestTimeoutMs }) },
    ...(config.lock === null ? {} : { lock: config.lock }),
    controller: { port: config.controller.port, baudRate: config.controller.baudRate, phases: config.evse.phases },
    ...(config.tokenReader === null ? {} : { tokenReader: config.tokenReader }),
  };
}
