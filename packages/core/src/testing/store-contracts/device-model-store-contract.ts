import { describe, expect, it } from 'vitest';
import type { DeviceModelStorePort, StoredVariable } from '../../ports/storage/device-model-store.port.js';
import { StoreError } from '../../storage-memory/store-error.js';
import { byAddress, fullVariable, minimalVariable, notRebootVariable } from './store-contract-fixtures.js';
import { storeContractSession, type StoreContractFactory } from './store-contract-harness.js';

/** The behaviour every DeviceModelStorePort must show (DESIGN §4, B05-B08): exact round trips, replace, remove, value sources. */
export function deviceModelStoreContract(name: string, makeStore: StoreContractFactory<DeviceModelStorePort>): void {
  describe(`${name} (DeviceModelStorePort contract)`, () => {
    const session = storeContractSession(makeStore);

    it('starts empty', () => {
      expect(session.open().loadAll()).toEqual([]);
    });

    it('round-trips every field, keeps absent optional fields absent, and survives a restart', () => {
      session.open().saveVariables([fullVariable, minimalVariable, notRebootVariable]);
      const expected = byAddress([fullVariable, minimalVariable, notRebootVariable]);
      expect(byAddress(session.restart().loadAll())).toStrictEqual(expected);
      const minimal = session.restart().loadAll().find((v) => v.component.name === minimalVariable.component.name);
      expect(minimal).toBeDefined();
      expect(Object.keys(minimal!.component)).toEqual(['name']);
      expect(Object.keys(minimal!.variable)).toEqual(['name']);
      expect('rebootRequired' in minimal!).toBe(false);
      expect(Object.keys(minimal!.characteristics).sort()).toEqual(['dataType', 'supportsMonitoring']);
      const noValue = session.restart().loadAll().find((v) => v.variable.name === 'Power')?.attributes.find((a) => a.type === 'MinSet');
      expect(noValue).toBeDefined();
      expect('value' in noValue!).toBe(false);
    });

    it('keeps the order of attributes', () => {
      session.open().saveVariables([fullVariable]);
      expect(session.restart().loadAll()[0]?.attributes.map((a) => a.type)).toEqual(['Actual', 'Target', 'MinSet']);
    });

    it('replaces a variable saved again at the same address, attributes and characteristics included', () => {
      const store = session.open();
      store.saveVariables([fullVariable, minimalVariable]);
      const replaced: StoredVariable = {
        component: { ...fullVariable.component },
        variable: { ...fullVariable.variable },
        characteristics: { dataType: 'integer', supportsMonitoring: false },
        attributes: [{ type: 'Actual', value: '7', mutability: 'ReadWrite', persistent: true, constant: false, source: 'config' }],
      };
      store.saveVariables([replaced]);
      expect(byAddress(session.restart().loadAll())).toStrictEqual(byAddress([replaced, minimalVariable]));
    });

    it('treats an absent EVSE/connector and 0 as the same station-level address', () => {
      const store = session.open();
      store.saveVariables([minimalVariable]);
      const atZero: StoredVariable = { ...minimalVariable, component: { name: minimalVariable.component.name, evseId: 0, connectorId: 0 } };
      store.saveVariables([atZero]);
      expect(session.restart().loadAll()).toStrictEqual([atZero]);
      session.restart().setAttributeValue({ name: minimalVariable.component.name }, minimalVariable.variable, 'Actual', '60', 'csms');
      expect(session.restart().loadAll()[0]?.attributes[0]).toMatchObject({ value: '60', source: 'csms' });
    });

    it('keeps variables apart that differ only by instance, EVSE or connector', () => {
      const base = minimalVariable;
      const variants: StoredVariable[] = [
        base,
        { ...base, component: { ...base.component, instance: 'x' } },
        { ...base, component: { ...base.component, evseId: 1 } },
        { ...base, component: { ...base.component, evseId: 1, connectorId: 1 } },
        { ...base, variable: { ...base.variable, instance: 'y' } },
      ];
      session.open().saveVariables(variants);
      expect(byAddress(session.restart().loadAll())).toStrictEqual(byAddress(variants));
    });

    it('writes one attribute value with its source, durably, and leaves the others alone', () => {
      session.open().saveVariables([fullVariable, minimalVariable]);
      session.restart().setAttributeValue(fullVariable.component, fullVariable.variable, 'Target', '9000', 'csms');
      const stored = session.restart().loadAll().find((v) => v.variable.name === 'Power');
      expect(stored?.attributes).toStrictEqual([
        fullVariable.attributes[0],
        { ...fullVariable.attributes[1], value: '9000', source: 'csms' },
        fullVariable.attributes[2],
      ]);
      expect(stored?.characteristics).toStrictEqual(fullVariable.characteristics);
    });

    it('gives a value to an attribute that had none', () => {
      session.open().saveVariables([fullVariable]);
      session.restart().setAttributeValue(fullVariable.component, fullVariable.variable, 'MinSet', '100', 'config');
      expect(session.restart().loadAll()[0]?.attributes[2]).toStrictEqual({ ...fullVariable.attributes[2], value: '100', source: 'config' });
    });

    it("throws StoreError kind 'not-found' for a missing attribute or variable, and changes nothing", () => {
      const store = session.open();
      store.saveVariables([minimalVariable]);
      const missingType = (): void => store.setAttributeValue(minimalVariable.component, minimalVariable.variable, 'Target', '1', 'csms');
      const missingVariable = (): void => store.setAttributeValue({ name: 'Nope' }, { name: 'Nothing' }, 'Actual', '1', 'csms');
      for (const attempt of [missingType, missingVariable]) {
        let thrown: unknown;
        try {
          attempt();
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(StoreError);
        expect(thrown).toMatchObject({ name: 'StoreError', kind: 'not-found' });
      }
      expect(session.restart().loadAll()).toStrictEqual([minimalVariable]);
    });

    it('removes only the given variables, ignores unknown ones, and survives a restart', () => {
      session.open().saveVariables([fullVariable, minimalVariable, notRebootVariable]);
      session.restart().removeVariables([
        { component: fullVariable.component, variable: fullVariable.variable },
        { component: { name: 'Unknown' }, variable: { name: 'Unknown' } },
      ]);
      expect(byAddress(session.restart().loadAll())).toStrictEqual(byAddress([minimalVariable, notRebootVariable]));
    });

    it('can save a removed variable again with fewer attributes', () => {
      const store = session.open();
      store.saveVariables([fullVariable]);
      store.removeVariables([{ component: fullVariable.component, variable: fullVariable.variable }]);
      const again: StoredVariable = { ...fullVariable, attributes: [fullVariable.attributes[0]!] };
      store.saveVariables([again]);
      expect(session.restart().loadAll()).toStrictEqual([again]);
    });

    it('accepts empty batches', () => {
      const store = session.open();
      store.saveVariables([]);
      store.removeVariables([]);
      expect(store.loadAll()).toEqual([]);
    });

    it('cannot be changed through objects passed in or handed out', () => {
      const store = session.open();
      const input = structuredClone(fullVariable);
      store.saveVariables([input]);
      input.attributes[0]!.value = 'changed-input';
      input.characteristics.unit = 'kW';
      const out = store.loadAll();
      out[0]!.attributes[0]!.value = 'changed-output';
      out[0]!.attributes.pop();
      out[0]!.component.name = 'Other';
      expect(store.loadAll()).toStrictEqual([fullVariable]);
    });
  });
}
