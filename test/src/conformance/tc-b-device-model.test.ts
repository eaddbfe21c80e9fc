import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';
import { startStation, tempDatabase, type RunningStation } from '../support/station-harness.js';

describe('Block B device model over the wire (strict CSMS, SQLite file)', () => {
  let csms: StrictCsms;
  let station: RunningStation;
  let client: CsmsClient;
  let db: { path: string; dispose: () => void };
  const reports: unknown[] = [];

  beforeAll(async () => {
    csms = await StrictCsms.start({
      handlers: {
        BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }),
        StatusNotification: () => ({}),
        SecurityEventNotification: () => ({}),
        NotifyReport: (params) => (reports.push(params), {}),
      },
    });
    db = tempDatabase();
    station = startStation({ csmsUrl: csms.url, dbPath: db.path });
    client = await csms.nextClient(true);
    await csms.waitForFrame((f) => Array.isArray(f) && f[2] === 'StatusNotification');
  });

  afterAll(async () => {
    await station.stop();
    await csms.close();
    db.dispose();
  });

  it('TC_B_06_CS GetVariables of a known variable answers Accepted with its value', async () => {
    const answer = await client.call('GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] });
    expect(answer).toEqual({
      getVariableResult: [expect.objectContaining({ attributeStatus: 'Accepted', attributeValue: '300', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } })],
    });
  });

  it('TC_B_32/33/34_CS GetVariables answers UnknownComponent, UnknownVariable and NotSupportedAttributeType', async () => {
    const answer = (await client.call('GetVariables', {
      getVariableData: [
        { component: { name: 'NoSuchCtrlr' }, variable: { name: 'HeartbeatInterval' } },
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NoSuchVariable' } },
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeType: 'MaxSet' },
      ],
    })) as { getVariableResult: { attributeStatus: string }[] };
    expect(answer.getVariableResult.map((r) => r.attributeStatus)).toEqual(['UnknownComponent', 'UnknownVariable', 'NotSupportedAttributeType']);
  });

  it('TC_B_09_CS SetVariables of a writable variable is Accepted and reads back', async () => {
    const set = (await client.call('SetVariables', {
      setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: '123' }],
    })) as { setVariableResult: { attributeStatus: string }[] };
    expect(set.setVariableResult[0]?.attributeStatus).toBe('Accepted');
    const get = (await client.call('GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }] })) as {
      getVariableResult: { attributeValue?: string }[];
    };
    expect(get.getVariableResult[0]?.attributeValue).toBe('123');
  });

  it('TC_B_11/39_CS SetVariables refuses a read-only variable and a value of the wrong type', async () => {
    const set = (await client.call('SetVariables', {
      setVariableData: [
        { component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, attributeValue: '3' },
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: 'soon' },
      ],
    })) as { setVariableResult: { attributeStatus: string }[] };
    expect(set.setVariableResult.map((r) => r.attributeStatus)).toEqual(['Rejected', 'Rejected']);
  });

  it('TC_B_12_CS GetBaseReport FullInventory: Accepted, then NotifyReport messages with seqNo 0.. and tbc until the last', async () => {
    reports.length = 0;
    await expect(client.call('GetBaseReport', { requestId: 42, reportBase: 'FullInventory' })).resolves.toEqual({ status: 'Accepted' });
    for (;;) {
      const last = reports.at(-1) as { tbc?: boolean } | undefined;
      if (last !== undefined && last.tbc !== true) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const typed = reports as { requestId: number; seqNo: number; tbc?: boolean; reportData: { component: { name: string }; variable: { name: string } }[] }[];
    expect(typed.map((r) => r.seqNo)).toEqual(typed.map((_r, i) => i));
    expect(typed.every((r) => r.requestId === 42)).toBe(true);
    const names = new Set(typed.flatMap((r) => r.reportData.map((d) => `${d.component.name}.${d.variable.name}`)));
    for (const required of ['OCPPCommCtrlr.HeartbeatInterval', 'SecurityCtrlr.SecurityProfile', 'ClockCtrlr.DateTime', 'TxCtrlr.TxStartPoint', 'EVSE.AvailabilityState', 'Connector.ConnectorType']) {
      expect(names).toContain(required);
    }
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_20_CS Reset Immediate: Accepted, and the station is told to reset after the answer', async () => {
    await expect(client.call('Reset', { type: 'Immediate' })).resolves.toEqual({ status: 'Accepted' });
    for (let i = 0; i < 100 && station.resets.length === 0; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(station.resets).toEqual([{ type: 'Immediate' }]);
  });

  it('TC_G_03_CS ChangeAvailability of one connector: Accepted and StatusNotification Unavailable', async () => {
    await expect(client.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 1, connectorId: 1 } })).resolves.toEqual({ status: 'Accepted' });
    await csms.waitForFrame((f) => Array.isArray(f) && f[2] === 'StatusNotification' && (f[3] as { connectorStatus: string }).connectorStatus === 'Unavailable');
    expect(csms.violations).toEqual([]);
  });
});
