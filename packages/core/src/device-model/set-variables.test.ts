import { describe, expect, it, vi } from 'vitest';
import type { SetVariableDataType } from '../messages/index.js';
import type { DeviceModelStorePort } from '../ports/storage/device-model-store.port.js';
import { InMemoryDeviceModelStore, variableKey } from '../storage-memory/index.js';
import type { ComponentDefinition } from './definitions.js';
import { DeviceModelValueError } from './device-model-value-error.js';
import { loadTestModel, testConfig } from './device-model-test-kit.js';
import type { VariableChange } from './variable-change.js';

const comm = { name: 'OCPPCommCtrlr' };
const set = (component: SetVariableDataType['component'], name: string, attributeValue: string, instance?: string): SetVariableDataType => ({
  component,
  variable: instance === undefined ? { name } : { name, instance },
  attributeValue,
});

function storedAttribute(store: DeviceModelStorePort, component: { name: string; evseId?: number }, name: string) {
  return store.loadAll().find((v) => variableKey(v.component, v.variable) === variableKey(component, { name }))?.attributes[0];
}

const fan: ComponentDefinition = {
  component: { name: 'FanCtrlr' },
  variables: [
    { variable: { name: 'Curve' }, characteristics: { dataType: 'integer' }, attributes: [{ mutability: 'ReadWrite', value: '1' }], rebootRequired: true },
    { variable: { name: 'Model' }, characteristics: { dataType: 'string' }, attributes: [{ mutability: 'ReadWrite', constant: true, value: 'F1' }] },
    { variable: { name: 'Stamp' }, characteristics: { dataType: 'dateTime' }, attributes: [{ mutability: 'ReadWrite', value: '2026-01-01T00:00:00Z' }] },
    { variable: { name: 'Gain' }, characteristics: { dataType: 'decimal', minLimit: 0, maxLimit: 2 }, attributes: [{ mutability: 'ReadWrite', value: '1.0' }] },
    { variable: { name: 'Mode' }, characteristics: { dataType: 'OptionList', valuesList: 'Auto,Off' }, attributes: [{ mutability: 'ReadWrite', value: 'Auto' }] },
    { variable: { name: 'Note' }, characteristics: { dataType: 'string' }, attributes: [{ mutability: 'ReadWrite', value: '' }] },
  ],
};

describe('SetVariables (B05)', () => {
  it('TC_B_09_CS: a single value is Accepted, stored with source csms and read back', () => {
    const { model, store } = loadTestModel();
    expect(model.setVariables([set(comm, 'HeartbeatInterval', '120')])).toEqual([{ component: comm, variable: { name: 'HeartbeatInterval' }, attributeStatus: 'Accepted' }]);
    expect(storedAttribute(store, comm, 'HeartbeatInterval')).toMatchObject({ value: '120', source: 'csms' });
    expect(model.getVariables([{ component: comm, variable: { name: 'HeartbeatInterval' } }])[0]?.attributeValue).toBe('120');
    expect(model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(120);
  });

  it('TC_B_10_CS: several values are answered in order, each on its own', () => {
    const { model } = loadTestModel();
    const results = model.setVariables([
      set(comm, 'MessageAttempts', '5', 'TransactionEvent'),
      set({ name: 'TxCtrlr' }, 'TxStopPoint', 'EVConnected'),
      set({ name: 'AuthCtrlr' }, 'LocalPreAuthorize', 'maybe'),
      set({ name: 'ClockCtrlr' }, 'TimeSource', 'NTP,Heartbeat'),
    ]);
    expect(results.map((r) => r.attributeStatus)).toEqual(['Accepted', 'Accepted', 'Rejected', 'Accepted']);
    expect(model.get('OCPPCommCtrlr', 'MessageAttempts', { variableInstance: 'TransactionEvent' })).toBe(5);
    expect(model.get('TxCtrlr', 'TxStopPoint')).toEqual(['EVConnected']);
    expect(model.get('ClockCtrlr', 'TimeSource')).toEqual(['NTP', 'Heartbeat']);
  });

  it('TC_B_35_CS: unknown component; TC_B_36_CS: unknown variable; TC_B_37_CS: unsupported attribute type', () => {
    const { model } = loadTestModel();
    const results = model.setVariables([
      set({ name: 'UnknownCtrlr' }, 'HeartbeatInterval', '1'),
      set({ name: 'EVSE' }, 'AllowReset', 'true'),
      set(comm, 'UnknownVariable', '1'),
      { ...set(comm, 'HeartbeatInterval', '1'), attributeType: 'MaxSet' },
    ]);
    expect(results.map((r) => r.attributeStatus)).toEqual(['UnknownComponent', 'UnknownComponent', 'UnknownVariable', 'NotSupportedAttributeType']);
    expect(results[3]?.attributeType).toBe('MaxSet');
  });

  it('TC_B_39_CS: a ReadOnly variable is Rejected and unchanged', () => {
    const { model } = loadTestModel();
    const [result] = model.setVariables([set({ name: 'SecurityCtrlr' }, 'SecurityProfile', '2')]);
    expect(result).toMatchObject({ attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'ReadOnly' } });
    expect(model.get('SecurityCtrlr', 'SecurityProfile')).toBe(1);
  });

  it('TC_B_11_CS: a value of the wrong format is Rejected, for every data type', () => {
    const { model } = loadTestModel({ config: testConfig({ additions: [fan] }) });
    const results = model.setVariables([
      set(comm, 'HeartbeatInterval', 'abc'),
      set(comm, 'HeartbeatInterval', '1.5'),
      set({ name: 'FanCtrlr' }, 'Gain', '1,5'),
      set({ name: 'AuthCtrlr' }, 'AuthorizeRemoteStart', 'True'),
      set({ name: 'FanCtrlr' }, 'Stamp', '2026-01-01 10:00'),
      set({ name: 'FanCtrlr' }, 'Mode', 'Turbo'),
      set({ name: 'TxCtrlr' }, 'TxStartPoint', 'Authorized,Authorized'),
      set({ name: 'TxCtrlr' }, 'TxStartPoint', 'Sunrise'),
      set({ name: 'ClockCtrlr' }, 'TimeSource', 'Sundial'),
      set(comm, 'NetworkConfigurationPriority', ''),
    ]);
    for (const result of results) expect(result, JSON.stringify(result.variable)).toMatchObject({ attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'InvalidValue' } });
    expect(model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(300);
  });

  it('values outside minLimit/maxLimit are Rejected (string limits are lengths)', () => {
    const { model } = loadTestModel({ config: testConfig({ additions: [fan] }) });
    const results = model.setVariables([
      set(comm, 'HeartbeatInterval', '-1'),
      set({ name: 'FanCtrlr' }, 'Gain', '2.5'),
      set({ name: 'SecurityCtrlr' }, 'BasicAuthPassword', 'too-short'),
      set({ name: 'SecurityCtrlr' }, 'BasicAuthPassword', 'x'.repeat(41)),
    ]);
    expect(results.map((r) => r.attributeStatusInfo?.reasonCode)).toEqual(['ValueTooLow', 'ValueTooHigh', 'ValueOutOfRange', 'ValueOutOfRange']);
  });

  it('a WriteOnly value is Accepted, usable by the station, and never read back by the CSMS', () => {
    const { model } = loadTestModel();
    const password = 'a-good-password-123';
    expect(model.setVariables([set({ name: 'SecurityCtrlr' }, 'BasicAuthPassword', password)])[0]?.attributeStatus).toBe('Accepted');
    expect(model.get('SecurityCtrlr', 'BasicAuthPassword')).toBe(password);
    expect(JSON.stringify(model.getVariables([{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }]))).not.toContain(password);
    expect(JSON.stringify(model.baseReport('FullInventory'))).not.toContain(password);
  });

  it('a value longer than DeviceDataCtrlr.ConfigurationValueSize is Rejected', () => {
    const values = [{ component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ConfigurationValueSize' }, value: '8' }];
    const { model } = loadTestModel({ config: testConfig({ additions: [fan], values }) });
    const [long, short] = model.setVariables([set({ name: 'FanCtrlr' }, 'Note', '123456789'), set({ name: 'FanCtrlr' }, 'Note', '12345678')]);
    expect(long).toMatchObject({ attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'TooLargeElement' } });
    expect(short?.attributeStatus).toBe('Accepted');
  });

  it('a constant attribute is Rejected even when ReadWrite', () => {
    const { model } = loadTestModel({ config: testConfig({ additions: [fan] }) });
    expect(model.setVariables([set({ name: 'FanCtrlr' }, 'Model', 'F2')])[0]).toMatchObject({ attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'ReadOnly' } });
  });

  it('the current value again is Accepted without a change event, and the value now counts as set by the CSMS', () => {
    const { model, store } = loadTestModel();
    const changes: VariableChange[] = [];
    model.onVariableChanged((c) => changes.push(c));
    expect(model.setVariables([set(comm, 'HeartbeatInterval', '300')])[0]?.attributeStatus).toBe('Accepted');
    expect(changes).toEqual([]);
    expect(storedAttribute(store, comm, 'HeartbeatInterval')).toMatchObject({ value: '300', source: 'csms' });
  });

  it('RebootRequired: the value is stored and reported at once, and the change is flagged rebootRequired', () => {
    const { model, store } = loadTestModel({ config: testConfig({ additions: [fan] }) });
    const changes: VariableChange[] = [];
    model.onVariableChanged((c) => changes.push(c));
    expect(model.setVariables([set({ name: 'FanCtrlr' }, 'Curve', '2')])[0]?.attributeStatus).toBe('RebootRequired');
    expect(storedAttribute(store, { name: 'FanCtrlr' }, 'Curve')).toMatchObject({ value: '2', source: 'csms' });
    expect(model.getValue({ name: 'FanCtrlr' }, { name: 'Curve' })).toBe(2);
    expect(changes).toEqual([{ component: { name: 'FanCtrlr' }, variable: { name: 'Curve' }, attributeType: 'Actual', oldValue: '1', newValue: '2', source: 'csms', rebootRequired: true }]);
    expect(model.setVariables([set({ name: 'FanCtrlr' }, 'Curve', '2')])[0]?.attributeStatus).toBe('Accepted');
  });

  it('registered validators reject with their reason in attributeStatusInfo (e.g. B10 slots that exist)', () => {
    const { model } = loadTestModel();
    model.registerValidator('OCPPCommCtrlr', 'NetworkConfigurationPriority', (value) => (value.split(',').every((s) => ['1', '2'].includes(s)) ? undefined : `No profile in slot(s) of ${value}`));
    const [bad, good] = model.setVariables([set(comm, 'NetworkConfigurationPriority', '2,3'), set({ name: 'ocppcommctrlr' }, 'networkconfigurationpriority', '2,1')]);
    expect(bad).toMatchObject({ attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'InvalidValue', additionalInfo: 'No profile in slot(s) of 2,3' } });
    expect(good?.attributeStatus).toBe('Accepted');
    expect(model.get('OCPPCommCtrlr', 'NetworkConfigurationPriority')).toEqual(['2', '1']);
  });

  it('a validator that throws rejects the value; a long reason is cut to the schema maximum', () => {
    const { model } = loadTestModel();
    model.registerValidator('OCPPCommCtrlr', 'HeartbeatInterval', () => {
      throw new Error('boom');
    });
    model.registerValidator('OCPPCommCtrlr', 'OfflineThreshold', () => 'r'.repeat(600));
    const [thrown, long] = model.setVariables([set(comm, 'HeartbeatInterval', '10'), set(comm, 'OfflineThreshold', '10')]);
    expect(thrown?.attributeStatusInfo?.additionalInfo).toContain('boom');
    expect(long?.attributeStatusInfo?.additionalInfo).toHaveLength(512);
  });
});

describe('change events and persistence (B05: stored, then emitted)', () => {
  it('listeners are told after the whole request is stored', () => {
    const { model, store } = loadTestModel();
    const seen: string[] = [];
    model.onVariableChanged((change) => {
      seen.push(`${change.variable.name}=${change.newValue} stored:${storedAttribute(store, comm, 'OfflineThreshold')?.value}`);
    });
    model.setVariables([set(comm, 'HeartbeatInterval', '100'), set(comm, 'OfflineThreshold', '200')]);
    expect(seen).toEqual(['HeartbeatInterval=100 stored:200', 'OfflineThreshold=200 stored:200']);
  });

  it('a change carries old and new value and source; unsubscribe stops it; a throwing listener is logged, not fatal', () => {
    const { model, logger } = loadTestModel();
    const listener = vi.fn();
    const unsubscribe = model.onVariableChanged(listener);
    model.onVariableChanged(() => {
      throw new Error('listener bug');
    });
    expect(model.setVariables([set(comm, 'HeartbeatInterval', '100')], 'station')[0]?.attributeStatus).toBe('Accepted');
    expect(listener).toHaveBeenCalledWith({ component: comm, variable: { name: 'HeartbeatInterval' }, attributeType: 'Actual', oldValue: '300', newValue: '100', source: 'station' });
    expect(logger.text()).toContain('listener bug');
    unsubscribe();
    model.setVariables([set(comm, 'HeartbeatInterval', '101')]);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('a store failure answers Rejected (InternalError) and leaves the value unchanged', () => {
    const store = new InMemoryDeviceModelStore();
    const { model } = loadTestModel({ store });
    vi.spyOn(store, 'setAttributeValue').mockImplementation(() => {
      throw new Error('disk full');
    });
    expect(model.setVariables([set(comm, 'HeartbeatInterval', '100')])[0]).toMatchObject({ attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'InternalError' } });
    expect(model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(300);
  });
});

describe('setInternal: station-side updates', () => {
  it("ignores mutability, stores with source 'station' and emits the change", () => {
    const { model, store } = loadTestModel();
    const listener = vi.fn();
    model.onVariableChanged(listener);
    model.setInternal({ name: 'SecurityCtrlr' }, { name: 'SecurityProfile' }, '2');
    expect(model.get('SecurityCtrlr', 'SecurityProfile')).toBe(2);
    expect(storedAttribute(store, { name: 'SecurityCtrlr' }, 'SecurityProfile')).toMatchObject({ value: '2', source: 'station' });
    expect(listener).toHaveBeenCalledWith(expect.objectContaining({ oldValue: '1', newValue: '2', source: 'station' }));
  });

  it('does not write non-persistent attributes to the store', () => {
    const { model, store } = loadTestModel();
    const write = vi.spyOn(store, 'setAttributeValue');
    model.setInternal({ name: 'Connector', evseId: 1, connectorId: 1 }, { name: 'AvailabilityState' }, 'Occupied');
    expect(model.get('Connector', 'AvailabilityState', { evseId: 1, connectorId: 1 })).toBe('Occupied');
    expect(write).not.toHaveBeenCalled();
  });

  it('throws DeviceModelValueError for an invalid value, a constant attribute or an unknown variable', () => {
    const { model } = loadTestModel();
    expect(() => model.setInternal({ name: 'EVSE', evseId: 1 }, { name: 'AvailabilityState' }, 'Sleeping')).toThrow(DeviceModelValueError);
    expect(() => model.setInternal({ name: 'EVSE', evseId: 1 }, { name: 'Power' }, '30000')).toThrow(/EVSE\(evse 1\)\.Power: .*maxLimit 22000/);
    expect(() => model.setInternal({ name: 'ChargingStation' }, { name: 'SupplyPhases' }, '1')).toThrow(/constant/);
    expect(() => model.setInternal({ name: 'EVSE', evseId: 9 }, { name: 'Power' }, '1')).toThrow(/not defined/);
  });
});

describe('typed access (issue 3 §2)', () => {
  it('converts by dataType: integer/decimal → number, boolean → boolean, lists → string[], others → string', () => {
    const { model } = loadTestModel();
    model.setInternal({ name: 'EVSE', evseId: 1 }, { name: 'Power' }, '7400.5');
    expect(model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(300);
    expect(model.get('EVSE', 'Power', { evseId: 1 })).toBe(7400.5);
    expect(model.get('OCPPCommCtrlr', 'UnlockOnEVSideDisconnect')).toBe(true);
    expect(model.get('TxCtrlr', 'TxStopPoint')).toEqual(['EVConnected', 'Authorized']);
    expect(model.get('OCPPCommCtrlr', 'NetworkConfigurationPriority')).toEqual(['1']);
    expect(model.get('ChargingStation', 'AvailabilityState')).toBe('Available');
    expect(model.get('DeviceDataCtrlr', 'ItemsPerMessage', { variableInstance: 'GetVariables' })).toBe(50);
    expect(model.get('DeviceDataCtrlr', 'ItemsPerMessage')).toBeUndefined();
    expect(model.get('EVSE', 'Power')).toBeUndefined();
  });
});
