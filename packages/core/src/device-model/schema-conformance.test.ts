import { describe, expect, it } from 'vitest';
import { getValidator } from '../messages/index.js';
import type { GetVariableDataType, SetVariableDataType } from '../messages/index.js';
import type { ComponentDefinition } from './definitions.js';
import { loadTestModel, testConfig } from './device-model-test-kit.js';

const notifyReport = getValidator('NotifyReport', 'request');
const longValue: ComponentDefinition = {
  component: { name: 'FanCtrlr', instance: 'Front' },
  variables: [
    { variable: { name: 'Notes' }, characteristics: { dataType: 'string' }, attributes: [{ mutability: 'ReadWrite', value: 'n'.repeat(3000) }] },
    { variable: { name: 'Secret' }, characteristics: { dataType: 'string' }, attributes: [{ mutability: 'WriteOnly' }] },
  ],
};

describe('every answer fits the official OCPP 2.0.1 schemas (DESIGN rule 7)', () => {
  it('every ReportDataType of every base report of a 2-EVSE station is valid inside a NotifyReportRequest', () => {
    const { model } = loadTestModel({ config: testConfig({ additions: [longValue] }) });
    model.setInternal({ name: 'ChargingStation' }, { name: 'Problem' }, 'true');
    for (const reportBase of ['FullInventory', 'ConfigurationInventory', 'SummaryInventory'] as const) {
      const reportData = model.baseReport(reportBase);
      expect(reportData.length).toBeGreaterThan(0);
      for (const item of reportData) {
        expect(notifyReport({ requestId: 1, generatedAt: '2026-03-01T12:00:00.000Z', seqNo: 0, tbc: false, reportData: [item] }), JSON.stringify(item.variable)).toBeUndefined();
      }
      expect(notifyReport({ requestId: 1, generatedAt: '2026-03-01T12:00:00.000Z', seqNo: 0, reportData })).toBeUndefined();
    }
    const custom = model.report(['Problem', 'Available'], [{ component: { name: 'EVSE' } }]);
    expect(notifyReport({ requestId: 2, generatedAt: '2026-03-01T12:00:00.000Z', seqNo: 0, reportData: custom })).toBeUndefined();
  });

  it('GetVariables results of every status are valid inside a GetVariablesResponse', () => {
    const { model } = loadTestModel({ config: testConfig({ additions: [longValue] }) });
    const data: GetVariableDataType[] = [
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
      { component: { name: 'FanCtrlr', instance: 'Front' }, variable: { name: 'Notes' } },
      { component: { name: 'FanCtrlr', instance: 'Front' }, variable: { name: 'Secret' } },
      { component: { name: 'Connector', evse: { id: 2, connectorId: 1 } }, variable: { name: 'ConnectorType' }, attributeType: 'Actual' },
      { component: { name: 'NoSuchCtrlr' }, variable: { name: 'X' } },
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'X' } },
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'MinSet' },
      { component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' } },
    ];
    const getVariableResult = model.getVariables(data);
    expect(new Set(getVariableResult.map((r) => r.attributeStatus))).toEqual(new Set(['Accepted', 'Rejected', 'UnknownComponent', 'UnknownVariable', 'NotSupportedAttributeType']));
    expect(getValidator('GetVariables', 'response')({ getVariableResult })).toBeUndefined();
  });

  it('SetVariables results of every status are valid inside a SetVariablesResponse', () => {
    const reboot: ComponentDefinition = {
      component: { name: 'FanCtrlr' },
      variables: [{ variable: { name: 'Curve' }, characteristics: { dataType: 'integer' }, attributes: [{ mutability: 'ReadWrite', value: '1' }], rebootRequired: true }],
    };
    const { model } = loadTestModel({ config: testConfig({ additions: [reboot] }) });
    model.registerValidator('OCPPCommCtrlr', 'OfflineThreshold', () => 'x'.repeat(2000));
    const data: SetVariableDataType[] = [
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '60' },
      { component: { name: 'FanCtrlr' }, variable: { name: 'Curve' }, attributeValue: '2' },
      { component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, attributeValue: '3' },
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: '1' },
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: 'x'.repeat(1000) },
      { component: { name: 'NoSuchCtrlr' }, variable: { name: 'X' }, attributeValue: '1' },
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'X' }, attributeValue: '1' },
      { component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'Power' }, attributeValue: '1', attributeType: 'Target' },
    ];
    const setVariableResult = model.setVariables(data);
    expect(new Set(setVariableResult.map((r) => r.attributeStatus))).toEqual(
      new Set(['Accepted', 'RebootRequired', 'Rejected', 'UnknownComponent', 'UnknownVariable', 'NotSupportedAttributeType']),
    );
    expect(getValidator('SetVariables', 'response')({ setVariableResult })).toBeUndefined();
  });
});
