export { ChargePoint, NotAcceptedError } from './charge-point.js';
export { ChargePointConfigError, REQUIRED_CALLBACKS, validateCallbacks, type ChargePointCallbacks, type ResetCommand } from './callbacks.js';
export type { ChargePointDeps, ChargePointOptions, ChargePointTlsMaterial } from './charge-point-options.js';
export type { RegistrationStatus } from './registration.js';
