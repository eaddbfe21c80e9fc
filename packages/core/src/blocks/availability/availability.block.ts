import type { FunctionalBlock } from '../../rpc/functional-block.js';
import type { Availability } from './availability.js';

/** Functional block G Availability: G03/G04 ChangeAvailability (G01/G02 are sent by the ChargePoint). */
export function availabilityBlock(deps: { availability: Availability }): FunctionalBlock {
  return {
    name: 'availability',
    handlers: {
      ChangeAvailability: (request) => ({ status: deps.availability.change(request) }),
    },
  };
}
