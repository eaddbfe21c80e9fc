import type { ComponentDefinition } from '../definitions.js';
import { AlignedDataCtrlr } from './aligned-data-ctrlr.js';
import { AuthCacheCtrlr } from './auth-cache-ctrlr.js';
import { AuthCtrlr } from './auth-ctrlr.js';
import { ChargingStation } from './charging-station.js';
import { ClockCtrlr } from './clock-ctrlr.js';
import { DeviceDataCtrlr } from './device-data-ctrlr.js';
import { OCPPCommCtrlr } from './ocpp-comm-ctrlr.js';
import { SampledDataCtrlr } from './sampled-data-ctrlr.js';
import { SecurityCtrlr } from './security-ctrlr.js';
import { TxCtrlr } from './tx-ctrlr.js';

export { AlignedDataCtrlr, AuthCacheCtrlr, AuthCtrlr, ChargingStation, ClockCtrlr, DeviceDataCtrlr, OCPPCommCtrlr, SampledDataCtrlr, SecurityCtrlr, TxCtrlr };

/** The standardized controller components every station loads (ocpp201-catalog §4, TC_B_53_CS Core list). */
export const standardizedComponents: readonly ComponentDefinition[] = [
  OCPPCommCtrlr,
  SecurityCtrlr,
  AuthCtrlr,
  AuthCacheCtrlr,
  TxCtrlr,
  SampledDataCtrlr,
  AlignedDataCtrlr,
  DeviceDataCtrlr,
  ClockCtrlr,
  ChargingStation,
];
