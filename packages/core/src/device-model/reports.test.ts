import { describe, expect, it } from 'vitest';
import type { ReportDataType } from '../messages/index.js';
import { loadTestModel, testConfig } from './device-model-test-kit.js';

const label = (r: ReportDataType): string => {
  const evse = r.component.evse === undefined ? '' : `@${r.component.evse.id}${r.component.evse.connectorId === undefined ? '' : `/${r.component.evse.connectorId}`}`;
  return `${r.component.name}${evse}.${r.variable.name}${r.variable.instance === undefined ? '' : `[${r.variable.instance}]`}`;
};

/** The Core variables OCTT TC_B_53_CS checks in a FullInventory, plus the Part 4 ones (ocpp201-catalog §4). */
const TC_B_53_REQUIRED = [
  'OCPPCommCtrlr.ActiveNetworkProfile',
  'OCPPCommCtrlr.FileTransferProtocols',
  'OCPPCommCtrlr.MessageTimeout[Default]',
  'OCPPCommCtrlr.MessageAttemptInterval[TransactionEvent]',
  'OCPPCommCtrlr.MessageAttempts[TransactionEvent]',
  'OCPPCommCtrlr.NetworkConfigurationPriority',
  'OCPPCommCtrlr.NetworkProfileConnectionAttempts',
  'OCPPCommCtrlr.OfflineThreshold',
  'OCPPCommCtrlr.ResetRetries',
  'OCPPCommCtrlr.UnlockOnEVSideDisconnect',
  'OCPPCommCtrlr.RetryBackOffRepeatTimes',
  'OCPPCommCtrlr.RetryBackOffRandomRange',
  'OCPPCommCtrlr.RetryBackOffWaitMinimum',
  'OCPPCommCtrlr.WebSocketPingInterval',
  'SecurityCtrlr.SecurityProfile',
  'SecurityCtrlr.OrganizationName',
  'SecurityCtrlr.CertificateEntries',
  'AuthCtrlr.AuthorizeRemoteStart',
  'AuthCtrlr.LocalAuthorizeOffline',
  'AuthCtrlr.LocalPreAuthorize',
  'TxCtrlr.EVConnectionTimeOut',
  'TxCtrlr.StopTxOnEVSideDisconnect',
  'TxCtrlr.StopTxOnInvalidId',
  'TxCtrlr.TxStartPoint',
  'TxCtrlr.TxStopPoint',
  'SampledDataCtrlr.TxStartedMeasurands',
  'SampledDataCtrlr.TxUpdatedMeasurands',
  'SampledDataCtrlr.TxEndedMeasurands',
  'SampledDataCtrlr.TxUpdatedInterval',
  'SampledDataCtrlr.TxEndedInterval',
  'AlignedDataCtrlr.Measurands',
  'AlignedDataCtrlr.TxEndedMeasurands',
  'AlignedDataCtrlr.Interval',
  'AlignedDataCtrlr.TxEndedInterval',
  ...['GetReport', 'GetVariables', 'SetVariables'].flatMap((i) => [`DeviceDataCtrlr.BytesPerMessage[${i}]`, `DeviceDataCtrlr.ItemsPerMessage[${i}]`]),
  'ClockCtrlr.DateTime',
  'ClockCtrlr.TimeSource',
  'ChargingStation.AvailabilityState',
  'ChargingStation.Available',
  'ChargingStation.SupplyPhases',
  ...[1, 2].flatMap((e) => [`EVSE@${e}.AvailabilityState`, `EVSE@${e}.Available`, `EVSE@${e}.Power`, `EVSE@${e}.SupplyPhases`]),
  ...[1, 2].flatMap((e) => [`Connector@${e}/1.AvailabilityState`, `Connector@${e}/1.Available`, `Connector@${e}/1.ConnectorType`, `Connector@${e}/1.SupplyPhases`]),
];

describe('GetBaseReport (B07)', () => {
  it('TC_B_53_CS: a FullInventory holds every mandatory variable with an Actual value', () => {
    const report = loadTestModel().model.baseReport('FullInventory');
    const byLabel = new Map(report.map((r) => [label(r), r]));
    for (const name of TC_B_53_REQUIRED) {
      const actual = byLabel.get(name)?.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual');
      expect(actual?.value, name).toBeDefined();
    }
    for (const name of ['EVSE@1.Power', 'SampledDataCtrlr.TxUpdatedMeasurands', 'AlignedDataCtrlr.Measurands', 'SecurityCtrlr.CertificateEntries']) {
      expect(byLabel.get(name)?.variableCharacteristics?.maxLimit, `${name} maxLimit`).toBeGreaterThan(0);
    }
  });

  it('TC_B_13_CS: a FullInventory reports every variable once, with attributes and characteristics; WriteOnly values omitted', () => {
    const report = loadTestModel().model.baseReport('FullInventory');
    const labels = report.map(label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(report.find((r) => label(r) === 'OCPPCommCtrlr.HeartbeatInterval')).toEqual({
      component: { name: 'OCPPCommCtrlr' },
      variable: { name: 'HeartbeatInterval' },
      variableAttribute: [{ type: 'Actual', value: '300', mutability: 'ReadWrite', persistent: true, constant: false }],
      variableCharacteristics: { dataType: 'integer', unit: 's', minLimit: 0, supportsMonitoring: false },
    });
    expect(report.find((r) => label(r) === 'SecurityCtrlr.BasicAuthPassword')?.variableAttribute).toEqual([
      { type: 'Actual', mutability: 'WriteOnly', persistent: true, constant: false },
    ]);
    expect(report.find((r) => label(r) === 'Connector@2/1.ConnectorType')?.variableAttribute[0]).toMatchObject({ value: 'cType2', constant: true });
  });

  it('TC_B_12_CS: a ConfigurationInventory reports only the ReadWrite and WriteOnly attributes', () => {
    const report = loadTestModel().model.baseReport('ConfigurationInventory');
    const labels = report.map(label);
    expect(labels).toContain('OCPPCommCtrlr.HeartbeatInterval');
    expect(labels).toContain('SecurityCtrlr.BasicAuthPassword');
    expect(labels).not.toContain('SecurityCtrlr.SecurityProfile');
    expect(labels).not.toContain('EVSE@1.Power');
    expect(report.every((r) => r.variableAttribute.every((a) => a.mutability !== 'ReadOnly'))).toBe(true);
  });

  it('TC_B_14_CS: a SummaryInventory reports availability of every component and problems that are present', () => {
    const { model } = loadTestModel();
    expect(model.baseReport('SummaryInventory').map(label)).toEqual([
      'AuthCacheCtrlr.Available',
      'SampledDataCtrlr.Available',
      'AlignedDataCtrlr.Available',
      'ChargingStation.AvailabilityState',
      'ChargingStation.Available',
      'EVSE@1.AvailabilityState',
      'EVSE@1.Available',
      'Connector@1/1.AvailabilityState',
      'Connector@1/1.Available',
      'EVSE@2.AvailabilityState',
      'EVSE@2.Available',
      'Connector@2/1.AvailabilityState',
      'Connector@2/1.Available',
    ]);
    model.setInternal({ name: 'ChargingStation' }, { name: 'Problem' }, 'true');
    expect(model.baseReport('SummaryInventory').map(label)).toContain('ChargingStation.Problem');
  });

  it('values in reports are truncated to ReportingValueSize', () => {
    const values = [{ component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ReportingValueSize' }, value: '5' }];
    const report = loadTestModel({ config: testConfig({ values }) }).model.baseReport('FullInventory');
    expect(report.find((r) => label(r) === 'TxCtrlr.TxStopPoint')?.variableAttribute[0]?.value).toBe('EVCon');
  });
});

describe('GetReport (B08)', () => {
  it('without criteria and componentVariables it is the full inventory', () => {
    const { model } = loadTestModel();
    expect(model.report()).toEqual(model.baseReport('FullInventory'));
  });

  it('criterion Problem: only components whose Problem is true', () => {
    const { model } = loadTestModel();
    expect(model.report(['Problem'])).toEqual([]);
    model.setInternal({ name: 'ChargingStation' }, { name: 'Problem' }, 'true');
    const components = new Set(model.report(['Problem']).map((r) => r.component.name));
    expect([...components]).toEqual(['ChargingStation']);
  });

  it('criteria Available/Enabled/Active: the variable of that name is true, or the component has none', () => {
    const { model } = loadTestModel();
    model.setInternal({ name: 'EVSE', evseId: 1 }, { name: 'Available' }, 'false');
    model.setVariables([{ component: { name: 'AuthCtrlr' }, variable: { name: 'Enabled' }, attributeValue: 'false' }]);
    const available = model.report(['Available']).map(label);
    expect(available).not.toContain('EVSE@1.Power');
    expect(available).toContain('EVSE@2.Power');
    expect(available).toContain('OCPPCommCtrlr.HeartbeatInterval');
    const enabled = model.report(['Enabled']).map(label);
    expect(enabled).not.toContain('AuthCtrlr.LocalPreAuthorize');
    expect(enabled).toContain('TxCtrlr.TxStartPoint');
    expect(model.report(['Enabled', 'Problem']).map(label)).not.toContain('AuthCtrlr.LocalPreAuthorize');
    expect(model.report(['Active']).length).toBe(model.baseReport('FullInventory').length);
  });

  it('componentVariable selects by component name, narrowed by evse, connector, instance and variable', () => {
    const { model } = loadTestModel();
    const labels = (cv: Parameters<typeof model.report>[1]): string[] => model.report(undefined, cv).map(label);
    expect(labels([{ component: { name: 'EVSE' }, variable: { name: 'Power' } }])).toEqual(['EVSE@1.Power', 'EVSE@2.Power']);
    expect(labels([{ component: { name: 'EVSE', evse: { id: 2 } } }])).toEqual([
      'EVSE@2.AvailabilityState',
      'EVSE@2.Available',
      'EVSE@2.Power',
      'EVSE@2.SupplyPhases',
      'EVSE@2.AllowReset',
    ]);
    expect(labels([{ component: { name: 'Connector', evse: { id: 1 } }, variable: { name: 'ConnectorType' } }])).toEqual(['Connector@1/1.ConnectorType']);
    expect(labels([{ component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ItemsPerMessage' } }])).toHaveLength(3);
    expect(labels([{ component: { name: 'devicedatactrlr' }, variable: { name: 'ItemsPerMessage', instance: 'GetReport' } }])).toEqual(['DeviceDataCtrlr.ItemsPerMessage[GetReport]']);
    expect(labels([{ component: { name: 'NoSuchCtrlr' } }])).toEqual([]);
  });

  it('criteria and componentVariable together: both must hold', () => {
    const { model } = loadTestModel();
    model.setInternal({ name: 'EVSE', evseId: 1 }, { name: 'Available' }, 'false');
    expect(model.report(['Available'], [{ component: { name: 'EVSE' }, variable: { name: 'Power' } }]).map(label)).toEqual(['EVSE@2.Power']);
  });
});
