import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';
import { startBootedStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
import { acceptingHandlers, waitUntil } from '../support/ocpp-frames.js';

interface ReportData {
  component: { name: string; instance?: string; evse?: { id: number; connectorId?: number } };
  variable: { name: string; instance?: string };
  variableAttribute: { type?: string; value?: string; mutability?: string }[];
  variableCharacteristics?: { dataType: string; maxLimit?: number; valuesList?: string };
}

interface NotifyReport {
  requestId: number;
  generatedAt: string;
  seqNo: number;
  tbc?: boolean;
  reportData?: ReportData[];
}

interface GetResult {
  attributeStatus: string;
  attributeValue?: string;
  component: { name: string };
  variable: { name: string; instance?: string };
}

interface SetResult {
  attributeStatus: string;
  component: { name: string };
  variable: { name: string };
}

/** `Component[evse/connector].Variable[instance]`, the key the report assertions use. */
function label(d: { component: ReportData['component']; variable: ReportData['variable'] }): string {
  const evse = d.component.evse === undefined ? '' : `[${d.component.evse.id}${d.component.evse.connectorId === undefined ? '' : `/${d.component.evse.connectorId}`}]`;
  const instance = d.variable.instance === undefined ? '' : `[${d.variable.instance}]`;
  return `${d.component.name}${evse}.${d.variable.name}${instance}`;
}

/*
 * TC_B_53_CS: the variables the catalogue (§4) marks required for a Core station ("yes" and "P4"), for the
 * conformance layout of two EVSEs with one connector each, with the mutability the catalogue fixes (undefined
 * where it allows either). BasicAuthPassword is conditional (needed unless only profile 3) and WriteOnly.
 */
const REQUIRED: Record<string, 'ReadOnly' | 'ReadWrite' | 'WriteOnly' | undefined> = {
  'OCPPCommCtrlr.ActiveNetworkProfile': 'ReadOnly',
  'OCPPCommCtrlr.FileTransferProtocols': 'ReadOnly',
  'OCPPCommCtrlr.MessageTimeout[Default]': 'ReadOnly',
  'OCPPCommCtrlr.MessageAttemptInterval[TransactionEvent]': 'ReadWrite',
  'OCPPCommCtrlr.MessageAttempts[TransactionEvent]': 'ReadWrite',
  'OCPPCommCtrlr.NetworkConfigurationPriority': 'ReadWrite',
  'OCPPCommCtrlr.NetworkProfileConnectionAttempts': 'ReadWrite',
  'OCPPCommCtrlr.OfflineThreshold': 'ReadWrite',
  'OCPPCommCtrlr.ResetRetries': 'ReadWrite',
  'OCPPCommCtrlr.UnlockOnEVSideDisconnect': undefined,
  'OCPPCommCtrlr.RetryBackOffRepeatTimes': 'ReadWrite',
  'OCPPCommCtrlr.RetryBackOffRandomRange': 'ReadWrite',
  'OCPPCommCtrlr.RetryBackOffWaitMinimum': 'ReadWrite',
  'OCPPCommCtrlr.WebSocketPingInterval': 'ReadWrite',
  'SecurityCtrlr.SecurityProfile': 'ReadOnly',
  'SecurityCtrlr.OrganizationName': 'ReadWrite',
  'SecurityCtrlr.CertificateEntries': 'ReadOnly',
  'SecurityCtrlr.BasicAuthPassword': 'WriteOnly',
  'AuthCtrlr.AuthorizeRemoteStart': undefined,
  'AuthCtrlr.LocalAuthorizeOffline': 'ReadWrite',
  'AuthCtrlr.LocalPreAuthorize': 'ReadWrite',
  'TxCtrlr.EVConnectionTimeOut': 'ReadWrite',
  'TxCtrlr.StopTxOnEVSideDisconnect': undefined,
  'TxCtrlr.StopTxOnInvalidId': 'ReadWrite',
  'TxCtrlr.TxStartPoint': undefined,
  'TxCtrlr.TxStopPoint': undefined,
  'SampledDataCtrlr.TxStartedMeasurands': 'ReadWrite',
  'SampledDataCtrlr.TxUpdatedMeasurands': 'ReadWrite',
  'SampledDataCtrlr.TxEndedMeasurands': 'ReadWrite',
  'SampledDataCtrlr.TxUpdatedInterval': 'ReadWrite',
  'SampledDataCtrlr.TxEndedInterval': 'ReadWrite',
  'AlignedDataCtrlr.Measurands': 'ReadWrite',
  'AlignedDataCtrlr.TxEndedMeasurands': 'ReadWrite',
  'AlignedDataCtrlr.Interval': 'ReadWrite',
  'AlignedDataCtrlr.TxEndedInterval': 'ReadWrite',
  'DeviceDataCtrlr.BytesPerMessage[GetReport]': 'ReadOnly',
  'DeviceDataCtrlr.BytesPerMessage[GetVariables]': 'ReadOnly',
  'DeviceDataCtrlr.BytesPerMessage[SetVariables]': 'ReadOnly',
  'DeviceDataCtrlr.ItemsPerMessage[GetReport]': 'ReadOnly',
  'DeviceDataCtrlr.ItemsPerMessage[GetVariables]': 'ReadOnly',
  'DeviceDataCtrlr.ItemsPerMessage[SetVariables]': 'ReadOnly',
  'ClockCtrlr.DateTime': 'ReadOnly',
  'ClockCtrlr.TimeSource': 'ReadWrite',
  'ChargingStation.AvailabilityState': 'ReadOnly',
  'ChargingStation.Available': 'ReadOnly',
  'ChargingStation.SupplyPhases': 'ReadOnly',
  ...Object.fromEntries(
    [1, 2].flatMap((evse) => [
      [`EVSE[${evse}].AvailabilityState`, 'ReadOnly'],
      [`EVSE[${evse}].Available`, 'ReadOnly'],
      [`EVSE[${evse}].Power`, 'ReadOnly'],
      [`EVSE[${evse}].SupplyPhases`, 'ReadOnly'],
      [`Connector[${evse}/1].AvailabilityState`, 'ReadOnly'],
      [`Connector[${evse}/1].Available`, 'ReadOnly'],
      [`Connector[${evse}/1].ConnectorType`, 'ReadOnly'],
      [`Connector[${evse}/1].SupplyPhases`, 'ReadOnly'],
    ]),
  ),
};

/** Catalogue §4: variables whose maxLimit must be announced and greater than 0. */
const NEEDS_MAX_LIMIT = [
  'SecurityCtrlr.CertificateEntries',
  'SampledDataCtrlr.TxStartedMeasurands',
  'SampledDataCtrlr.TxUpdatedMeasurands',
  'SampledDataCtrlr.TxEndedMeasurands',
  'EVSE[1].Power',
  'EVSE[2].Power',
];

describe('Block B device model over the wire (strict CSMS, SQLite file)', () => {
  let csms: StrictCsms;
  let station: RunningStation;
  let client: CsmsClient;
  let db: { path: string; dispose: () => void };
  const reports: NotifyReport[] = [];

  beforeAll(async () => {
    csms = await StrictCsms.start({ handlers: acceptingHandlers({ NotifyReport: (params) => (reports.push(params as NotifyReport), {}) }) });
    db = tempDatabase();
    ({ station, client } = await startBootedStation(csms, { dbPath: db.path }));
  });

  afterAll(async () => {
    await station.stop();
    await csms.close();
    db.dispose();
  });

  async function getVariables(data: object[]): Promise<GetResult[]> {
    return ((await client.call('GetVariables', { getVariableData: data })) as { getVariableResult: GetResult[] }).getVariableResult;
  }

  async function setVariables(data: object[]): Promise<SetResult[]> {
    return ((await client.call('SetVariables', { setVariableData: data })) as { setVariableResult: SetResult[] }).setVariableResult;
  }

  /** GetBaseReport, then the whole report: checks the NotifyReport sequence (seqNo 0.., tbc on all but the last). */
  async function baseReport(requestId: number, reportBase: string): Promise<ReportData[]> {
    await expect(client.call('GetBaseReport', { requestId, reportBase })).resolves.toEqual({ status: 'Accepted' });
    const mine = (): NotifyReport[] => reports.filter((r) => r.requestId === requestId);
    await waitUntil(() => mine().some((r) => r.tbc !== true), `the last NotifyReport of request ${requestId}`);
    const parts = mine();
    expect(parts.map((r) => r.seqNo)).toEqual(parts.map((_r, i) => i));
    expect(parts.map((r) => r.tbc === true)).toEqual(parts.map((_r, i) => i < parts.length - 1));
    expect(csms.violations).toEqual([]);
    return parts.flatMap((r) => r.reportData ?? []);
  }

  it('TC_B_06_CS Get Variables - single value', async () => {
    expect(await getVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }])).toEqual([
      expect.objectContaining({ attributeStatus: 'Accepted', attributeValue: '300', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }),
    ]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_07_CS Get Variables - multiple values', async () => {
    const results = await getVariables([
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
      { component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' } },
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'MessageTimeout', instance: 'Default' } },
      { component: { name: 'Connector', evse: { id: 2, connectorId: 1 } }, variable: { name: 'ConnectorType' } },
    ]);
    expect(results.map((r) => [r.attributeStatus, label(r), r.attributeValue])).toEqual([
      ['Accepted', 'OCPPCommCtrlr.HeartbeatInterval', '300'],
      ['Accepted', 'SecurityCtrlr.SecurityProfile', '0'],
      // MessageTimeout[Default] reports the timeout of the network profile in use (the harness's is 10 s).
      ['Accepted', 'OCPPCommCtrlr.MessageTimeout[Default]', '10'],
      ['Accepted', 'Connector[2/1].ConnectorType', 'cType2'],
    ]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_32_CS Get Variables - Unknown component', async () => {
    const [result] = await getVariables([{ component: { name: 'NoSuchCtrlr' }, variable: { name: 'HeartbeatInterval' } }]);
    expect(result).toMatchObject({ attributeStatus: 'UnknownComponent', component: { name: 'NoSuchCtrlr' } });
    expect(result?.attributeValue).toBeUndefined();
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_33_CS Get Variables - Unknown variable', async () => {
    const [result] = await getVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NoSuchVariable' } }]);
    expect(result).toMatchObject({ attributeStatus: 'UnknownVariable', variable: { name: 'NoSuchVariable' } });
    expect(result?.attributeValue).toBeUndefined();
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_34_CS Get Variables - Not supported attribute type', async () => {
    const [result] = await getVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'MaxSet' }]);
    expect(result).toMatchObject({ attributeStatus: 'NotSupportedAttributeType', attributeType: 'MaxSet' });
    expect(result?.attributeValue).toBeUndefined();
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_09_CS Set Variables - single value', async () => {
    const [set] = await setVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: '123' }]);
    expect(set?.attributeStatus).toBe('Accepted');
    const [get] = await getVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }]);
    expect(get?.attributeValue).toBe('123');
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_10_CS Set Variables - multiple values', async () => {
    const targets = [
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: '321' },
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'ResetRetries' }, attributeValue: '4' },
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'MessageAttempts', instance: 'TransactionEvent' }, attributeValue: '5' },
      { component: { name: 'TxCtrlr' }, variable: { name: 'EVConnectionTimeOut' }, attributeValue: '90' },
    ];
    const set = await setVariables(targets);
    expect(set.map((r) => [r.attributeStatus, label(r)])).toEqual(targets.map((t) => ['Accepted', label(t)]));
    const get = await getVariables(targets.map(({ component, variable }) => ({ component, variable })));
    expect(get.map((r) => r.attributeValue)).toEqual(targets.map((t) => t.attributeValue));
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_11_CS Set Variables - invalidly formatted values', async () => {
    const set = await setVariables([
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: 'soon' },
      { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'UnlockOnEVSideDisconnect' }, attributeValue: 'maybe' },
      { component: { name: 'TxCtrlr' }, variable: { name: 'TxStartPoint' }, attributeValue: 'NoSuchPoint' },
    ]);
    expect(set.map((r) => r.attributeStatus)).toEqual(['Rejected', 'Rejected', 'Rejected']);
    const [threshold] = await getVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }]);
    expect(threshold?.attributeValue).toMatch(/^\d+$/);
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_35_CS Set Variables - Unknown component', async () => {
    const [set] = await setVariables([{ component: { name: 'NoSuchCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: '10' }]);
    expect(set).toMatchObject({ attributeStatus: 'UnknownComponent', component: { name: 'NoSuchCtrlr' }, variable: { name: 'OfflineThreshold' } });
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_36_CS Set Variables - Unknown variable', async () => {
    const [set] = await setVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NoSuchVariable' }, attributeValue: '10' }]);
    expect(set).toMatchObject({ attributeStatus: 'UnknownVariable', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NoSuchVariable' } });
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_37_CS Set Variables - Not supported attribute type', async () => {
    const [before] = await getVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }]);
    const [set] = await setVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeType: 'Target', attributeValue: '10' }]);
    expect(set).toMatchObject({ attributeStatus: 'NotSupportedAttributeType', attributeType: 'Target' });
    const [after] = await getVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }]);
    expect(after?.attributeValue).toBe(before?.attributeValue);
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_39_CS Set Variables - Read-only', async () => {
    const [set] = await setVariables([{ component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, attributeValue: '3' }]);
    expect(set?.attributeStatus).toBe('Rejected');
    const [get] = await getVariables([{ component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' } }]);
    expect(get?.attributeValue).toBe('0');
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_12_CS Get Base Report - ConfigurationInventory', async () => {
    const data = await baseReport(12, 'ConfigurationInventory');
    const labels = data.map(label);
    expect(labels).toEqual(expect.arrayContaining(['OCPPCommCtrlr.OfflineThreshold', 'OCPPCommCtrlr.HeartbeatInterval', 'OCPPCommCtrlr.NetworkConfigurationPriority']));
    for (const readOnly of ['SecurityCtrlr.SecurityProfile', 'ClockCtrlr.DateTime', 'EVSE[1].AvailabilityState', 'Connector[1/1].ConnectorType']) expect(labels).not.toContain(readOnly);
    const attributes = data.flatMap((d) => d.variableAttribute.map((a) => ({ label: label(d), ...a })));
    expect(attributes.filter((a) => a.mutability === 'ReadOnly')).toEqual([]);
    expect(attributes.filter((a) => a.mutability === 'WriteOnly' && a.value !== undefined)).toEqual([]);
  });

  it('TC_B_13_CS Get Base Report - FullInventory', async () => {
    const data = await baseReport(13, 'FullInventory');
    const labels = data.map(label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const expected of ['OCPPCommCtrlr.HeartbeatInterval', 'SecurityCtrlr.SecurityProfile', 'ClockCtrlr.DateTime', 'TxCtrlr.TxStartPoint', 'EVSE[1].AvailabilityState', 'Connector[2/1].ConnectorType']) {
      expect(labels).toContain(expected);
    }
    const heartbeat = data.find((d) => label(d) === 'OCPPCommCtrlr.HeartbeatInterval');
    expect(heartbeat?.variableAttribute).toEqual([expect.objectContaining({ value: '300' })]);
    const password = data.find((d) => label(d) === 'SecurityCtrlr.BasicAuthPassword');
    expect(password?.variableAttribute.every((a) => a.value === undefined)).toBe(true);
  });

  it('TC_B_14_CS Get Base Report - SummaryInventory', async () => {
    const data = await baseReport(14, 'SummaryInventory');
    const summaryVariables = new Set(['AvailabilityState', 'Available', 'Problem', 'Tripped', 'Overload', 'Fallback']);
    expect(data.filter((d) => !summaryVariables.has(d.variable.name)).map(label)).toEqual([]);
    const values = new Map(data.map((d) => [label(d), d.variableAttribute[0]?.value]));
    for (const component of ['ChargingStation', 'EVSE[1]', 'EVSE[2]', 'Connector[1/1]', 'Connector[2/1]']) {
      expect(values.get(`${component}.AvailabilityState`)).toBe('Available');
    }
  });

  // TC_B_15_CS "Not Supported base report" does not apply: it needs a station without one of the three
  // ReportBaseEnumType values (PICS C-56, SummaryInventory), and this station supports all three (TC_B_14_CS).

  it('TC_B_53_CS Get Base Report - Test mandatory DM variables via FullInventory', async () => {
    const data = await baseReport(53, 'FullInventory');
    const byLabel = new Map(data.map((d) => [label(d), d]));
    expect(Object.keys(REQUIRED).filter((l) => !byLabel.has(l))).toEqual([]);
    const wrongMutability = Object.entries(REQUIRED)
      .filter(([, mutability]) => mutability !== undefined)
      .map(([l, mutability]) => ({ variable: l, expected: mutability, reported: byLabel.get(l)?.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual')?.mutability ?? 'ReadWrite' }))
      .filter((r) => r.reported !== r.expected);
    expect(wrongMutability).toEqual([]);
    const withoutValue = Object.entries(REQUIRED)
      .filter(([, mutability]) => mutability !== 'WriteOnly')
      .map(([l]) => l)
      .filter((l) => byLabel.get(l)?.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual')?.value === undefined);
    expect(withoutValue).toEqual([]);
    expect(Object.keys(REQUIRED).filter((l) => byLabel.get(l)?.variableCharacteristics === undefined)).toEqual([]);
    expect(NEEDS_MAX_LIMIT.filter((l) => !((byLabel.get(l)?.variableCharacteristics?.maxLimit ?? 0) > 0))).toEqual([]);
    expect(byLabel.get('ChargingStation.SupplyPhases')?.variableAttribute[0]?.value).toBe('3');
    expect(byLabel.get('EVSE[2].Power')?.variableCharacteristics?.maxLimit).toBe(22_000);
  });

  it('TC_B_43_CS Set new NetworkConnectionProfile - Rejected (configuration slot 999 does not exist)', async () => {
    const answer = (await client.call('SetNetworkProfile', {
      configurationSlot: 999,
      connectionData: { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: 'ws://127.0.0.1:9/other', messageTimeout: 30, securityProfile: 0, ocppInterface: 'Wired0' },
    })) as { status: string };
    expect(answer.status).toBe('Rejected');
    expect(station.stores.networkProfiles.loadAll().map((s) => s.configurationSlot)).toEqual([1]);
    const [priority] = await getVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' } }]);
    expect(priority?.attributeValue).toBe('1');
    expect(csms.violations).toEqual([]);
  });
});
