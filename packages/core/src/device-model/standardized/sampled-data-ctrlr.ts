import type { ComponentDefinition } from '../definitions.js';
import { MEASURANDS_MAX_LENGTH, SUPPORTED_MEASURANDS } from './measurands.js';

/** SampledDataCtrlr: transaction meter values (Part 2 Appendix 3, J02; TC_B_53_CS). */
export const SampledDataCtrlr = {
  component: { name: 'SampledDataCtrlr' },
  variables: [
    {
      variable: { name: 'Enabled' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'true' }],
      description: 'Sampled meter values are sent.',
    },
    {
      variable: { name: 'SignReadings' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadOnly', value: 'false' }],
      description: 'Whether sampled values carry the meter\'s signedMeterValue (J04/J11); a station whose meter signs sets it true.',
    },
    {
      variable: { name: 'Available' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadOnly', value: 'true' }],
      description: 'The station supports sampled meter values.',
    },
    {
      variable: { name: 'TxStartedMeasurands' },
      characteristics: { dataType: 'MemberList', valuesList: SUPPORTED_MEASURANDS, maxLimit: MEASURANDS_MAX_LENGTH },
      attributes: [{ mutability: 'ReadWrite', value: 'Energy.Active.Import.Register' }],
      required: true,
      description: 'Measurands in TransactionEvent(Started).',
    },
    {
      variable: { name: 'TxUpdatedMeasurands' },
      characteristics: { dataType: 'MemberList', valuesList: SUPPORTED_MEASURANDS, maxLimit: MEASURANDS_MAX_LENGTH },
      attributes: [{ mutability: 'ReadWrite', value: 'Energy.Active.Import.Register' }],
      required: true,
      description: 'Measurands in TransactionEvent(Updated), every TxUpdatedInterval.',
    },
    {
      variable: { name: 'TxEndedMeasurands' },
      characteristics: { dataType: 'MemberList', valuesList: SUPPORTED_MEASURANDS, maxLimit: MEASURANDS_MAX_LENGTH },
      attributes: [{ mutability: 'ReadWrite', value: 'Energy.Active.Import.Register' }],
      required: true,
      description: 'Measurands sampled for TransactionEvent(Ended).',
    },
    {
      variable: { name: 'TxUpdatedInterval' },
      characteristics: { dataType: 'integer', unit: 's', minLimit: 0 },
      attributes: [{ mutability: 'ReadWrite', value: '60' }],
      required: true,
      description: 'Seconds between sampled meter values during a transaction; 0 = none.',
    },
    {
      variable: { name: 'TxEndedInterval' },
      characteristics: { dataType: 'integer', unit: 's', minLimit: 0 },
      attributes: [{ mutability: 'ReadWrite', value: '0' }],
      required: true,
      description: 'Seconds between samples for TransactionEvent(Ended); 0 = start and end values only.',
    },
    {
      variable: { name: 'RegisterValuesWithoutPhases' },
      characteristics: { dataType: 'boolean' },
      attributes: [{ mutability: 'ReadWrite', value: 'false' }],
      description: 'Report energy registers without phase detail.',
    },
  ],
} satisfies ComponentDefinition;
