export { ChargePoint } from './charge-point.js';
export { NotAcceptedError } from './outbox.js';
export { ChargePointConfigError, REQUIRED_CALLBACKS, validateCallbacks, type ChargePointCallbacks, type ResetCommand } from './callbacks.js';
export type { ChargePointDeps, ChargePointOptions, ChargePointTlsMaterial } from './charge-point-options.js';
export type { RegistrationStatus } from './registration.js';
export type { PresentedIdTokenResult } from './charging-sessions.js';
