import { describe, expect, it } from 'vitest';
import type { ComponentDefinition } from './definitions.js';
import { loadTestModel, testConfig } from './device-model-test-kit.js';

const comm = { name: 'OCPPCommCtrlr' };

describe('GetVariables (B06)', () => {
  it('TC_B_06_CS: a single variable is Accepted with its value', () => {
    const { model } = loadTestModel();
    expect(model.getVariables([{ component: comm, variable: { name: 'OfflineThreshold' } }])).toEqual([
      { component: comm, variable: { name: 'OfflineThreshold' }, attributeStatus: 'Accepted', attributeValue: '60' },
    ]);
  });

  it('TC_B_07_CS: several variables, including instances and EVSE/connector tiers, are answered in order', () => {
    const { model } = loadTestModel();
    const results = model.getVariables([
      { component: comm, variable: { name: 'MessageTimeout', instance: 'Default' } },
      { component: { name: 'EVSE', evse: { id: 2 } }, variable: { name: 'Power' }, attributeType: 'Actual' },
      { component: { name: 'Connector', evse: { id: 1, connectorId: 1 } }, variable: { name: 'ConnectorType' } },
      { component: { name: 'TxCtrlr' }, variable: { name: 'TxStopPoint' } },
    ]);
    expect(results.map((r) => [r.attributeStatus, r.attributeValue])).toEqual([
      ['Accepted', '30'],
      ['Accepted', '0'],
      ['Accepted', 'sType2'],
      ['Accepted', 'EVConnected,Authorized'],
    ]);
    expect(results[1]).toMatchObject({ component: { name: 'EVSE', evse: { id: 2 } }, attributeType: 'Actual' });
  });

  it('TC_B_32_CS: an unknown component is UnknownComponent', () => {
    const { model } = loadTestModel();
    expect(model.getVariables([{ component: { name: 'UnknownCtrlr' }, variable: { name: 'HeartbeatInterval' } }])[0]?.attributeStatus).toBe('UnknownComponent');
  });

  it('TC_B_32_CS: components match name, instance, evse and connector exactly', () => {
    const { model } = loadTestModel();
    const statuses = model
      .getVariables([
        { component: { name: 'EVSE' }, variable: { name: 'Power' } },
        { component: { name: 'EVSE', evse: { id: 3 } }, variable: { name: 'Power' } },
        { component: { name: 'EVSE', evse: { id: 1, connectorId: 1 } }, variable: { name: 'Power' } },
        { component: { name: 'Connector', evse: { id: 1 } }, variable: { name: 'ConnectorType' } },
        { component: { name: 'OCPPCommCtrlr', instance: 'Primary' }, variable: { name: 'HeartbeatInterval' } },
        { component: { name: 'OCPPCommCtrlr', evse: { id: 1 } }, variable: { name: 'HeartbeatInterval' } },
      ])
      .map((r) => r.attributeStatus);
    expect(statuses).toEqual(Array(6).fill('UnknownComponent'));
  });

  it('TC_B_33_CS: a known component with an unknown variable is UnknownVariable (a missing variable instance too)', () => {
    const { model } = loadTestModel();
    const statuses = model
      .getVariables([
        { component: comm, variable: { name: 'UnknownVariable' } },
        { component: comm, variable: { name: 'MessageTimeout' } },
        { component: comm, variable: { name: 'MessageTimeout', instance: 'Other' } },
      ])
      .map((r) => r.attributeStatus);
    expect(statuses).toEqual(['UnknownVariable', 'UnknownVariable', 'UnknownVariable']);
  });

  it('TC_B_34_CS: an attribute type the variable does not have is NotSupportedAttributeType', () => {
    const { model } = loadTestModel();
    const [result] = model.getVariables([{ component: comm, variable: { name: 'HeartbeatInterval' }, attributeType: 'Target' }]);
    expect(result).toEqual({ component: comm, variable: { name: 'HeartbeatInterval' }, attributeType: 'Target', attributeStatus: 'NotSupportedAttributeType' });
  });

  it('a WriteOnly variable is Rejected and its value never read back', () => {
    const config = testConfig({ values: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, value: 'a-secret-of-20-chars' }] });
    const { model } = loadTestModel({ config });
    const [result] = model.getVariables([{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }]);
    expect(result).toMatchObject({ attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'WriteOnly' } });
    expect(JSON.stringify(result)).not.toContain('a-secret');
  });

  it('names are case-insensitive (ComponentType.name, VariableType.name); the request is echoed without customData', () => {
    const { model } = loadTestModel();
    const [result] = model.getVariables([
      { component: { name: 'ocppcommctrlr', customData: { vendorId: 'x' } }, variable: { name: 'messageTimeout', instance: 'DEFAULT' }, customData: { vendorId: 'x' } },
    ]);
    expect(result).toEqual({ component: { name: 'ocppcommctrlr' }, variable: { name: 'messageTimeout', instance: 'DEFAULT' }, attributeStatus: 'Accepted', attributeValue: '30' });
  });

  it('values are truncated to DeviceDataCtrlr.ReportingValueSize', () => {
    const notes: ComponentDefinition = {
      component: { name: 'FanCtrlr' },
      variables: [{ variable: { name: 'Notes' }, characteristics: { dataType: 'string' }, attributes: [{ mutability: 'ReadWrite', value: 'x'.repeat(40) }] }],
    };
    const values = [{ component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ReportingValueSize' }, value: '10' }];
    const { model } = loadTestModel({ config: testConfig({ additions: [notes], values }) });
    expect(model.getVariables([{ component: { name: 'FanCtrlr' }, variable: { name: 'Notes' } }])[0]?.attributeValue).toBe('x'.repeat(10));
  });

  it('ClockCtrlr.DateTime is the clock time; without a clock it has no value and is Rejected', () => {
    const withClock = loadTestModel().model.getVariables([{ component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' } }]);
    expect(withClock[0]?.attributeValue).toBe('2026-03-01T12:00:00.000Z');
    const withoutClock = loadTestModel({ clock: null }).model.getVariables([{ component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' } }]);
    expect(withoutClock[0]).toMatchObject({ attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'InternalError' } });
  });

  it('reads Target, MinSet and MaxSet attributes of a variable that has them', () => {
    const limit: ComponentDefinition = {
      component: { name: 'SmartChargingCtrlr' },
      variables: [
        {
          variable: { name: 'Limit' },
          characteristics: { dataType: 'decimal', unit: 'A' },
          attributes: [
            { type: 'Actual', mutability: 'ReadOnly', value: '16' },
            { type: 'Target', mutability: 'ReadWrite', value: '20' },
            { type: 'MinSet', mutability: 'ReadWrite', value: '6' },
            { type: 'MaxSet', mutability: 'ReadWrite', value: '32' },
          ],
        },
      ],
    };
    const { model } = loadTestModel({ config: testConfig({ additions: [limit] }) });
    const results = model.getVariables((['Actual', 'Target', 'MinSet', 'MaxSet'] as const).map((attributeType) => ({ component: limit.component, variable: { name: 'Limit' }, attributeType })));
    expect(results.map((r) => r.attributeValue)).toEqual(['16', '20', '6', '32']);
  });
});
