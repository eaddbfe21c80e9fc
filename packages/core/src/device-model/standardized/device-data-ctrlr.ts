import type { ComponentDefinition } from '../definitions.js';

/** DeviceDataCtrlr: limits of device-model messages (Part 2 Appendix 3, B05-B08; TC_B_53_CS). */
export const DeviceDataCtrlr = {
  component: { name: 'DeviceDataCtrlr' },
  variables: [
    {
      variable: { name: 'BytesPerMessage', instance: 'GetReport' },
      characteristics: { dataType: 'integer', unit: 'B', minLimit: 1 },
      attributes: [{ mutability: 'ReadOnly', value: '65000' }],
      required: true,
      description: 'Maximum size of a GetReportRequest (B08).',
    },
    {
      variable: { name: 'BytesPerMessage', instance: 'GetVariables' },
      characteristics: { dataType: 'integer', unit: 'B', minLimit: 1 },
      attributes: [{ mutability: 'ReadOnly', value: '65000' }],
      required: true,
      description: 'Maximum size of a GetVariablesRequest (B06).',
    },
    {
      variable: { name: 'BytesPerMessage', instance: 'SetVariables' },
      characteristics: { dataType: 'integer', unit: 'B', minLimit: 1 },
      attributes: [{ mutability: 'ReadOnly', value: '65000' }],
      required: true,
      description: 'Maximum size of a SetVariablesRequest (B05).',
    },
    {
      variable: { name: 'ItemsPerMessage', instance: 'GetReport' },
      characteristics: { dataType: 'integer', minLimit: 1 },
      attributes: [{ mutability: 'ReadOnly', value: '50' }],
      required: true,
      description: 'Maximum componentVariable entries in a GetReportRequest (B08).',
    },
    {
      variable: { name: 'ItemsPerMessage', instance: 'GetVariables' },
      characteristics: { dataType: 'integer', minLimit: 1 },
      attributes: [{ mutability: 'ReadOnly', value: '50' }],
      required: true,
      description: 'Maximum getVariableData entries in a GetVariablesRequest (B06).',
    },
    {
      variable: { name: 'ItemsPerMessage', instance: 'SetVariables' },
      characteristics: { dataType: 'integer', minLimit: 1 },
      attributes: [{ mutability: 'ReadOnly', value: '50' }],
      required: true,
      description: 'Maximum setVariableData entries in a SetVariablesRequest (B05).',
    },
    {
      variable: { name: 'ConfigurationValueSize' },
      characteristics: { dataType: 'integer', minLimit: 1, maxLimit: 1000 },
      attributes: [{ mutability: 'ReadOnly', value: '1000' }],
      description: 'Maximum length of a value set by SetVariables (SetVariableDataType.attributeValue is at most 1000).',
    },
    {
      variable: { name: 'ReportingValueSize' },
      characteristics: { dataType: 'integer', minLimit: 1, maxLimit: 2500 },
      attributes: [{ mutability: 'ReadOnly', value: '2500' }],
      description: 'Values in GetVariables results and reports are truncated to this length.',
    },
    {
      variable: { name: 'ValueSize' },
      characteristics: { dataType: 'integer', minLimit: 1, maxLimit: 2500 },
      attributes: [{ mutability: 'ReadOnly', value: '2500' }],
      description: 'Default for ConfigurationValueSize and ReportingValueSize.',
    },
  ],
} satisfies ComponentDefinition;
