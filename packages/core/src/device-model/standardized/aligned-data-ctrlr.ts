import type { ComponentDefinition } from '../definitions.js';
import { MEASURANDS_MAX_LENGTH, SUPPORTED_MEASURANDS } from './measurands.js';

/** AlignedDataCtrlr: clock-aligned meter values (Part 2 Appendix 3, J01; TC_B_53_CS). */
export const AlignedDataCtrlr = {
  component: { name: 'AlignedDataCtrlr' },
  variables: [
    {
      variable: { name: 'Enabled' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'true' }],
      description: 'Clock-aligned meter values are sent.',
    },
    {
      variable: { name: 'SignReadings' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadOnly', value: 'false' }],
      description: 'Whether clock-aligned values carry the meter\'s signedMeterValue (J04/J11); a station whose meter signs sets it true.',
    },
    {
      variable: { name: 'Available' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadOnly', value: 'true' }],
      description: 'The station supports clock-aligned meter values.',
    },
    {
      variable: { name: 'Measurands' },
      characteristics: { dataType: 'MemberList', valuesList: SUPPORTED_MEASURANDS, maxLimit: MEASURANDS_MAX_LENGTH },
      attributes: [{ mutability: 'ReadWrite', value: 'Energy.Active.Import.Register' }],
      required: true,
      description: 'Measurands sent every Interval.',
    },
    {
      variable: { name: 'Interval' },
      characteristics: { dataType: 'integer', unit: 's', minLimit: 0 },
      attributes: [{ mutability: 'ReadWrite', value: '900' }],
      required: true,
      description: 'Seconds between clock-aligned values (aligned to midnight); 0 = off.',
    },
    {
      variable: { name: 'TxEndedMeasurands' },
      characteristics: { dataType: 'MemberList', valuesList: SUPPORTED_MEASURANDS, maxLimit: MEASURANDS_MAX_LENGTH },
      attributes: [{ mutability: 'ReadWrite', value: 'Energy.Active.Import.Register' }],
      required: true,
      description: 'Clock-aligned measurands included in TransactionEvent(Ended).',
    },
    {
      variable: { name: 'TxEndedInterval' },
      characteristics: { dataType: 'integer', unit: 's', minLimit: 0 },
      attributes: [{ mutability: 'ReadWrite', value: '0' }],
      required: true,
      description: 'Seconds between clock-aligned samples for TransactionEvent(Ended); 0 = off.',
    },
    {
      variable: { name: 'SendDuringIdle' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'false' }],
      description: 'Send clock-aligned values only while no transaction is ongoing.',
    },
  ],
} satisfies ComponentDefinition;
