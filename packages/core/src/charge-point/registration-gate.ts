import type { Middleware } from '../rpc/incoming-call.js';
import { SecurityError } from '../rpc/rpc-error.js';
import type { RegistrationStatus } from './registration.js';

/**
 * B03.FR.08 (TC_B_30): while the CSMS has not accepted or pended the station (Rejected, or no answer yet),
 * every CSMS request is answered with SecurityError.
 */
export function registrationGate(status: () => RegistrationStatus): Middleware {
  return async (call, next) => {
    const current = status();
    if (current === 'Rejected' || current === 'Unregistered') {
      throw new SecurityError(`Station is not registered (${current}); ${call.action} refused`);
    }
    return next(call);
  };
}
