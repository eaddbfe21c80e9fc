import type {
  ChargePointOptions,
  ChargePointTlsMaterial,
  ChargingStationType,
  ComponentDefinition,
  ConfigValue,
  EvseManagerOptions,
  NetworkProfileSlot,
  SecurityProfile,
  StationLayout,
} from '@evstation/core';

/** What one station is: everything an app's configuration decides about it (DESIGN 7). */
export interface StationSettings {
  /** SecurityCtrlr.Identity: the last path segment of the CSMS URL. */
  identity: string;
  /** The CSMS base URL (ws:// or wss://), installed in network profile slot 1 at every boot. */
  csmsUrl: string;
  securityProfile: SecurityProfile;
  /** SecurityCtrlr.BasicAuthPassword for profiles 1 and 2; never logged. */
  basicAuthPassword?: string;
  /** CSMS root certificates (profiles 2, 3) and the station certificate and key (profile 3), PEM. */
  tls?: ChargePointTlsMaterial;
  /** BootNotification's chargingStation. */
  chargingStation: ChargingStationType;
  /** EVSEs and connectors; must name the same EVSE ids as the hardware. */
  layout: StationLayout;
  /** Values for standardized variables (source 'config'; a value the CSMS set wins). */
  deviceModelValues?: readonly ConfigValue[];
  /** The station's own components and variables. */
  deviceModelAdditions?: readonly ComponentDefinition[];
  evseManager?: EvseManagerOptions;
  chargePoint?: Pick<ChargePointOptions, 'resumeTransactionsOnBoot' | 'maxAuthCacheEntries' | 'maxQueuedMessages'>;
}

/** Network profile slot 1 as the settings describe it (B09: the configured CSMS). */
export function configuredNetworkProfile(settings: StationSettings): NetworkProfileSlot {
  return {
    configurationSlot: 1,
    profile: {
      ocppVersion: 'OCPP20',
      ocppTransport: 'JSON',
      ocppCsmsUrl: settings.csmsUrl,
      messageTimeout: 30,
      securityProfile: settings.securityProfile,
      ocppInterface: 'Wired0',
    },
  };
}

/** The device model values the settings imply (identity, security profile, password) followed by the app's own. */
export function deviceModelValues(settings: StationSettings): ConfigValue[] {
  return [
    { component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, value: settings.identity },
    { component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, value: String(settings.securityProfile) },
    ...(settings.basicAuthPassword === undefined ? [] : [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, value: settings.basicAuthPassword }]),
    ...(settings.deviceModelValues ?? []),
  ];
}
