import type { ComponentDefinition } from '../definitions.js';

/** ChargingStation: the station as a whole (Part 2 Appendix 3, G01-G04; TC_B_53_CS). SupplyPhases comes from the layout. */
export const ChargingStation = {
  component: { name: 'ChargingStation' },
  variables: [
    {
      variable: { name: 'AvailabilityState' },
      characteristics: { dataType: 'OptionList', valuesList: 'Available,Occupied,Reserved,Unavailable,Faulted' },
      attributes: [{ mutability: 'ReadOnly', persistent: false, value: 'Available' }],
      required: true,
      description: 'Current availability of the station, kept up to date by the station.',
    },
    {
      variable: { name: 'Available' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadOnly', value: 'true' }],
      required: true,
      description: 'The component exists.',
    },
    {
      variable: { name: 'SupplyPhases' },
      characteristics: { dataType: 'integer', minLimit: 0, maxLimit: 3 },
      attributes: [{ mutability: 'ReadOnly', constant: true }],
      required: true,
      description: 'Number of phases the station is connected to; 0 = DC.',
    },
    {
      variable: { name: 'Problem' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadOnly', persistent: false, value: 'false' }],
      description: 'The station has a problem (SummaryInventory, GetReport criterion Problem).',
    },
    {
      variable: { name: 'AllowNewSessionsPendingFirmwareUpdate' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'false' }],
      description: 'L01: idle EVSEs may start new sessions while a firmware installation waits for running transactions (TC_L_12-16).',
    },
  ],
} satisfies ComponentDefinition;
