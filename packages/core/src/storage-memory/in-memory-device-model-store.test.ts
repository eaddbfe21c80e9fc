import { describe, expect, it } from 'vitest';
import type { StoredVariable } from '../ports/storage/device-model-store.port.js';
import { fullVariable, minimalVariable, notRebootVariable } from '../testing/store-contracts/store-contract-fixtures.js';
import { InMemoryDeviceModelStore } from './in-memory-device-model-store.js';
import { variableShape } from './stored-variable-shape.js';

describe('InMemoryDeviceModelStore in a fleet (issue 6 §5: definitions shared, values per station)', () => {
  it('shares one shape between stores that hold the same variable, whatever its values and sources', () => {
    const other: StoredVariable = { ...structuredClone(fullVariable), attributes: fullVariable.attributes.map((a) => ({ ...a, value: 'other', source: 'csms' as const })) };
    expect(variableShape(other)).toBe(variableShape(structuredClone(fullVariable)));
    expect(variableShape(minimalVariable)).not.toBe(variableShape(fullVariable));
  });

  it('keeps each station its own values and sources although the definitions are shared', () => {
    const a = new InMemoryDeviceModelStore();
    const b = new InMemoryDeviceModelStore();
    a.saveVariables([fullVariable, minimalVariable]);
    b.saveVariables([structuredClone(fullVariable), structuredClone(minimalVariable)]);
    a.setAttributeValue(minimalVariable.component, minimalVariable.variable, 'Actual', '60', 'csms');
    b.setAttributeValue(fullVariable.component, fullVariable.variable, 'MinSet', '100', 'station');
    expect(a.loadAll()).toStrictEqual([fullVariable, { ...minimalVariable, attributes: [{ ...minimalVariable.attributes[0]!, value: '60', source: 'csms' }] }]);
    const [bFull, bMinimal] = b.loadAll();
    expect(bFull?.attributes[2]).toStrictEqual({ ...fullVariable.attributes[2], value: '100', source: 'station' });
    expect(bMinimal).toStrictEqual(minimalVariable);
  });

  it('gives each store back exactly what it saved where shared content could blur it (rebootRequired false or absent, -0 or 0)', () => {
    const absent: StoredVariable = { ...notRebootVariable, characteristics: { ...notRebootVariable.characteristics, minLimit: 0 } };
    delete absent.rebootRequired;
    const negativeZero: StoredVariable = { ...notRebootVariable, characteristics: { ...notRebootVariable.characteristics, minLimit: -0 } };
    const stores = [absent, notRebootVariable, negativeZero].map((variable) => {
      const store = new InMemoryDeviceModelStore();
      store.saveVariables([variable]);
      return { store, variable };
    });
    for (const { store, variable } of stores) expect(store.loadAll()).toStrictEqual([variable]);
    expect(Object.is(stores[2]?.store.loadAll()[0]?.characteristics.minLimit, -0)).toBe(true);
  });

  it('keeps the place of a variable saved again, with its new attributes, and the values of the others', () => {
    const store = new InMemoryDeviceModelStore();
    store.saveVariables([minimalVariable, fullVariable, notRebootVariable]);
    store.setAttributeValue(notRebootVariable.component, notRebootVariable.variable, 'Actual', '2', 'csms');
    const fewer: StoredVariable = { ...fullVariable, attributes: [fullVariable.attributes[1]!] };
    store.saveVariables([fewer]);
    store.setAttributeValue(fullVariable.component, fullVariable.variable, 'Target', '7', 'csms');
    expect(store.loadAll()).toStrictEqual([
      minimalVariable,
      { ...fewer, attributes: [{ ...fullVariable.attributes[1]!, value: '7', source: 'csms' }] },
      { ...notRebootVariable, attributes: [{ ...notRebootVariable.attributes[0]!, value: '2', source: 'csms' }] },
    ]);
    expect(() => store.setAttributeValue(fullVariable.component, fullVariable.variable, 'Actual', '1', 'csms')).toThrow(/No attribute Actual of EVSE.Power/);
  });
});
