export type { ConnectorOperativeStatus, EvseManagerCallbacks, EvseManagerChargePoint, PresentedIdTokenResult } from './charge-point-surface.js';
export { chargingStateOf, type ChargingStateFacts } from './charging-state.js';
export { effectiveLimitA, energyHold, mayAllowEnergy, type EnergyFacts, type EnergyHold, type LimitFacts } from './energy-decision.js';
export { EvseManager } from './evse-manager.js';
export { EvseManagerConfigError, validateEvseManagerDeps, type EvseHardware, type EvseManagerDeps, type EvseManagerOptions } from './evse-manager-deps.js';
export { lockAction, unplugSide, type LockAction, type LockFacts, type LockPhase } from './lock-decision.js';
export { MeterPoller, type MeterPollerDeps } from './meter-poller.js';
export { meterValueOf } from './meter-value-mapping.js';
