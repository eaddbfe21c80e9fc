import { describe, expect, it, vi } from 'vitest';
import type { DeviceModelStorePort, StoredVariable } from '../ports/storage/device-model-store.port.js';
import { InMemoryDeviceModelStore, variableKey } from '../storage-memory/index.js';
import { FakeClock } from '../testing/fake-clock.js';
import type { ComponentDefinition } from './definitions.js';
import { DeviceModelConfigError } from './device-model-config-error.js';
import { identityValue, loadTestModel, testConfig, twoEvseLayout } from './device-model-test-kit.js';

const heartbeat = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };

function storedVariable(store: DeviceModelStorePort, component: StoredVariable['component'], variable: StoredVariable['variable']): StoredVariable | undefined {
  return store.loadAll().find((v) => variableKey(v.component, v.variable) === variableKey(component, variable));
}

function configError(run: () => unknown): DeviceModelConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof DeviceModelConfigError) return error;
    throw error;
  }
  throw new Error('expected a DeviceModelConfigError');
}

describe('loading the device model (issue 3 §2)', () => {
  it('loads the standardized data and the layout with only the identity given, and stores every variable with its source', () => {
    const { model, store } = loadTestModel();
    expect(model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(300);
    expect(storedVariable(store, heartbeat.component, heartbeat.variable)?.attributes[0]).toMatchObject({ type: 'Actual', value: '300', source: 'default' });
    expect(storedVariable(store, { name: 'SecurityCtrlr' }, { name: 'Identity' })?.attributes[0]).toMatchObject({ value: 'CS-TEST-1', source: 'config' });
    expect(store.loadAll().length).toBeGreaterThan(80);
  });

  it('generates EVSE and Connector components from the layout (Power maxLimit = powerW, ConnectorType, SupplyPhases)', () => {
    const { model, store } = loadTestModel();
    expect(model.describe({ name: 'EVSE', evseId: 2 }, { name: 'Power' })).toMatchObject({ dataType: 'decimal', unit: 'W', maxLimit: 11_000 });
    expect(model.get('Connector', 'ConnectorType', { evseId: 1, connectorId: 1 })).toBe('sType2');
    expect(model.get('Connector', 'SupplyPhases', { evseId: 2, connectorId: 1 })).toBe(3);
    expect(model.get('ChargingStation', 'SupplyPhases')).toBe(3);
    expect(model.has({ name: 'EVSE', evseId: 3 }, { name: 'Power' })).toBe(false);
    expect(storedVariable(store, { name: 'Connector', evseId: 1, connectorId: 1 }, { name: 'ConnectorType' })?.attributes[0]?.source).toBe('config');
  });

  it("takes the station's values with source 'config'", () => {
    const { model, store } = loadTestModel({ config: testConfig({ values: [{ ...heartbeat, value: '120' }] }) });
    expect(model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(120);
    expect(storedVariable(store, heartbeat.component, heartbeat.variable)?.attributes[0]?.source).toBe('config');
  });

  it('reads ClockCtrlr.DateTime from the clock port, never from the store', () => {
    const clock = new FakeClock(new Date('2026-03-01T12:00:00.000Z'));
    const { model, store } = loadTestModel({ clock });
    expect(model.get('ClockCtrlr', 'DateTime')).toBe('2026-03-01T12:00:00.000Z');
    clock.setWallTime(new Date('2026-03-02T08:30:00.000Z'));
    expect(model.getRaw({ name: 'ClockCtrlr' }, { name: 'DateTime' })).toBe('2026-03-02T08:30:00.000Z');
    expect(storedVariable(store, { name: 'ClockCtrlr' }, { name: 'DateTime' })?.attributes[0]?.value).toBeUndefined();
  });

  it('accepts additions: a new component, a new variable on a standardized component, and a replaced definition', () => {
    const additions: ComponentDefinition[] = [
      { component: { name: 'FanCtrlr' }, variables: [{ variable: { name: 'Speed' }, characteristics: { dataType: 'integer', unit: 'rpm' }, attributes: [{ mutability: 'ReadWrite', value: '900' }] }] },
      {
        component: { name: 'ClockCtrlr' },
        variables: [{ variable: { name: 'TimeAdjustmentReportingThreshold' }, characteristics: { dataType: 'integer', unit: 's' }, attributes: [{ mutability: 'ReadWrite', value: '20' }] }],
      },
      {
        component: { name: 'OCPPCommCtrlr' },
        variables: [{ variable: { name: 'UnlockOnEVSideDisconnect' }, characteristics: { dataType: 'boolean' }, attributes: [{ mutability: 'ReadOnly', value: 'false' }] }],
      },
    ];
    const { model } = loadTestModel({ config: testConfig({ additions }) });
    expect(model.getValue({ name: 'FanCtrlr' }, { name: 'Speed' })).toBe(900);
    expect(model.get('ClockCtrlr', 'TimeAdjustmentReportingThreshold')).toBe(20);
    expect(model.get('OCPPCommCtrlr', 'UnlockOnEVSideDisconnect')).toBe(false);
    expect(model.describe({ name: 'OCPPCommCtrlr' }, { name: 'UnlockOnEVSideDisconnect' })?.attributes[0]?.mutability).toBe('ReadOnly');
  });
});

describe('merging with the store: CSMS and station values survive (DESIGN §4)', () => {
  it('a value the CSMS set survives a restart and a changed config value', () => {
    const store = new InMemoryDeviceModelStore();
    const first = loadTestModel({ store }).model;
    first.setVariables([{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '77' }]);
    const second = loadTestModel({ store, config: testConfig({ values: [{ ...heartbeat, value: '600' }] }) });
    expect(second.model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(77);
    expect(storedVariable(store, heartbeat.component, heartbeat.variable)?.attributes[0]?.source).toBe('csms');
  });

  it("a config change replaces a config or default value (no CSMS/station value stored)", () => {
    const store = new InMemoryDeviceModelStore();
    loadTestModel({ store, config: testConfig({ values: [{ ...heartbeat, value: '120' }] }) });
    expect(loadTestModel({ store, config: testConfig({ values: [{ ...heartbeat, value: '600' }] }) }).model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(600);
    expect(loadTestModel({ store }).model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(300);
  });

  it('a value the station set survives a restart', () => {
    const store = new InMemoryDeviceModelStore();
    loadTestModel({ store }).model.setInternal({ name: 'SecurityCtrlr' }, { name: 'SecurityProfile' }, '2');
    expect(loadTestModel({ store }).model.get('SecurityCtrlr', 'SecurityProfile')).toBe(2);
  });

  it('a stored CSMS value invalid under new characteristics falls back to config/default, with a warning naming the variable', () => {
    const store = new InMemoryDeviceModelStore();
    loadTestModel({ store }).model.setVariables([{ ...heartbeat, attributeValue: '5000' }]);
    const narrowed: ComponentDefinition = {
      component: { name: 'OCPPCommCtrlr' },
      variables: [{ variable: { name: 'HeartbeatInterval' }, characteristics: { dataType: 'integer', unit: 's', maxLimit: 3600 }, attributes: [{ mutability: 'ReadWrite', value: '300' }] }],
    };
    const { model, logger } = loadTestModel({ store, config: testConfig({ additions: [narrowed] }) });
    expect(model.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(300);
    expect(logger.entries.find((e) => e.level === 'warn')).toMatchObject({ fields: { variable: 'OCPPCommCtrlr.HeartbeatInterval', source: 'csms' } });
    expect(storedVariable(store, heartbeat.component, heartbeat.variable)?.attributes[0]).toMatchObject({ value: '300', source: 'default' });
  });

  it('a CSMS value is dropped when the station makes the attribute ReadOnly', () => {
    const store = new InMemoryDeviceModelStore();
    const unlock = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'UnlockOnEVSideDisconnect' } };
    loadTestModel({ store }).model.setVariables([{ ...unlock, attributeValue: 'false' }]);
    const fixedCable: ComponentDefinition = {
      component: unlock.component,
      variables: [{ variable: unlock.variable, characteristics: { dataType: 'boolean' }, attributes: [{ mutability: 'ReadOnly', value: 'true' }] }],
    };
    const { model, logger } = loadTestModel({ store, config: testConfig({ additions: [fixedCable] }) });
    expect(model.get('OCPPCommCtrlr', 'UnlockOnEVSideDisconnect')).toBe(true);
    expect(logger.text()).toContain('OCPPCommCtrlr.UnlockOnEVSideDisconnect');
  });

  it('non-persistent attributes are reset to their config/default value at load', () => {
    const store = new InMemoryDeviceModelStore();
    loadTestModel({ store }).model.setInternal({ name: 'EVSE', evseId: 1 }, { name: 'AvailabilityState' }, 'Faulted');
    expect(loadTestModel({ store }).model.get('EVSE', 'AvailabilityState', { evseId: 1 })).toBe('Available');
  });

  it('removes stored variables the configuration no longer defines', () => {
    const store = new InMemoryDeviceModelStore();
    const fan: ComponentDefinition = { component: { name: 'FanCtrlr' }, variables: [{ variable: { name: 'Speed' }, characteristics: { dataType: 'integer' }, attributes: [{ mutability: 'ReadWrite', value: '1' }] }] };
    loadTestModel({ store, config: testConfig({ additions: [fan] }) });
    const oneEvse = { ...twoEvseLayout, evses: twoEvseLayout.evses.slice(0, 1) };
    const { logger } = loadTestModel({ store, config: testConfig({ layout: oneEvse }) });
    expect(storedVariable(store, { name: 'FanCtrlr' }, { name: 'Speed' })).toBeUndefined();
    expect(storedVariable(store, { name: 'EVSE', evseId: 2 }, { name: 'Power' })).toBeUndefined();
    expect(storedVariable(store, { name: 'EVSE', evseId: 1 }, { name: 'Power' })).toBeDefined();
    expect(logger.text()).toContain('FanCtrlr.Speed');
  });

  it('writes nothing at a restart when nothing changed', () => {
    const store = new InMemoryDeviceModelStore();
    loadTestModel({ store });
    const save = vi.spyOn(store, 'saveVariables');
    const remove = vi.spyOn(store, 'removeVariables');
    loadTestModel({ store });
    expect(save).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
  });
});

describe('a config that is incomplete or contradicts itself is refused at start (TC_B_53_CS required variables)', () => {
  it('a missing required variable names component and variable', () => {
    const error = configError(() => loadTestModel({ config: { layout: twoEvseLayout } }));
    expect(error.message).toContain('SecurityCtrlr.Identity: required variable has no value');
  });

  it('a required variable of an addition without value is refused', () => {
    const meter: ComponentDefinition = {
      component: { name: 'FiscalMetering' },
      variables: [{ variable: { name: 'EnergyImportRegister' }, characteristics: { dataType: 'decimal' }, attributes: [{ mutability: 'ReadOnly' }], required: true }],
    };
    expect(configError(() => loadTestModel({ config: testConfig({ additions: [meter] }) })).problems).toEqual(['FiscalMetering.EnergyImportRegister: required variable has no value']);
  });

  it('a config value outside its limits is refused', () => {
    const error = configError(() => loadTestModel({ config: testConfig({ values: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, value: '4' }] }) }));
    expect(error.message).toMatch(/SecurityCtrlr\.SecurityProfile: Actual config value "4" is invalid: above maxLimit 3/);
  });

  it('an OptionList value outside its valuesList is refused, in a default as well', () => {
    const bad: ComponentDefinition = {
      component: { name: 'FanCtrlr' },
      variables: [{ variable: { name: 'Mode' }, characteristics: { dataType: 'OptionList', valuesList: 'Auto,Off' }, attributes: [{ mutability: 'ReadWrite', value: 'Turbo' }] }],
    };
    expect(configError(() => loadTestModel({ config: testConfig({ additions: [bad] }) })).message).toContain('FanCtrlr.Mode: Actual default value "Turbo" is invalid');
  });

  it('a config value for an unknown variable or attribute is refused', () => {
    const error = configError(() =>
      loadTestModel({
        config: testConfig({
          values: [
            { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartBeatIntervall' }, value: '1' },
            { component: { name: 'NoSuchCtrlr' }, variable: { name: 'X' }, value: '1' },
            { ...heartbeat, attributeType: 'Target', value: '1' },
          ],
        }),
      }),
    );
    expect(error.problems).toEqual([
      'OCPPCommCtrlr.HeartBeatIntervall: a config value is given for a variable that is not defined',
      'NoSuchCtrlr.X: a config value is given for a variable that is not defined',
      'OCPPCommCtrlr.HeartbeatInterval: a config value is given for attribute Target, which the variable does not have',
    ]);
  });

  it('two different config values for one attribute are refused', () => {
    const error = configError(() => loadTestModel({ config: testConfig({ values: [{ ...heartbeat, value: '1' }, { ...heartbeat, value: '2' }] }) }));
    expect(error.problems).toEqual(['OCPPCommCtrlr.HeartbeatInterval: the config gives two different Actual values']);
  });

  it('definitions that contradict themselves are refused', () => {
    const bad: ComponentDefinition = {
      component: { name: 'FanCtrlr' },
      variables: [
        { variable: { name: 'A' }, characteristics: { dataType: 'MemberList' }, attributes: [{ mutability: 'ReadWrite', value: '' }] },
        { variable: { name: 'B' }, characteristics: { dataType: 'integer', minLimit: 5, maxLimit: 1 }, attributes: [{ mutability: 'ReadWrite', value: '3' }] },
        { variable: { name: 'C' }, characteristics: { dataType: 'integer' }, attributes: [{ mutability: 'ReadWrite', value: '1' }, { mutability: 'ReadOnly', value: '2' }] },
        { variable: { name: 'C' }, characteristics: { dataType: 'integer' }, attributes: [{ mutability: 'ReadWrite', value: '1' }] },
      ],
    };
    const problems = configError(() => loadTestModel({ config: testConfig({ additions: [bad] }) })).problems;
    expect(problems).toContain('FanCtrlr.A: MemberList needs a valuesList');
    expect(problems).toContain('FanCtrlr.B: minLimit 5 > maxLimit 1');
    expect(problems).toContain('FanCtrlr.C: an attribute type appears twice');
    expect(problems).toContain('FanCtrlr.C: defined twice in the additions');
  });

  it('a layout that contradicts itself or its characteristics is refused, naming the EVSE', () => {
    const layout = {
      supplyPhases: 3,
      evses: [
        { id: 1, powerW: 22_000, supplyPhases: 5, connectors: [{ id: 1, connectorType: 'cType2' }] },
        { id: 1, powerW: 0, supplyPhases: 3, connectors: [] },
      ],
    };
    const problems = configError(() => loadTestModel({ config: { layout, values: [identityValue] } })).problems;
    expect(problems).toContain('layout: EVSE id 1 appears twice');
    expect(problems).toContain('layout: EVSE 1 powerW 0 must be > 0 (EVSE.Power maxLimit)');
    expect(problems).toContain('layout: EVSE 1 has no connector');
    expect(problems.some((p) => p.startsWith('EVSE(evse 1).SupplyPhases: Actual config value "5" is invalid'))).toBe(true);
  });

  it('nothing is written to the store when the config is refused', () => {
    const store = new InMemoryDeviceModelStore();
    configError(() => loadTestModel({ store, config: { layout: twoEvseLayout } }));
    expect(store.loadAll()).toEqual([]);
  });

  it('a WriteOnly config value is never shown in the error', () => {
    const error = configError(() =>
      loadTestModel({ config: testConfig({ values: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, value: 'short-secret' }] }) }),
    );
    expect(error.message).toContain('SecurityCtrlr.BasicAuthPassword');
    expect(error.message).not.toContain('short-secret');
  });
});
