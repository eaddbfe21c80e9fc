import type { AttributeEnumType } from '../messages/index.js';
import type { ComponentKey, DeviceModelStorePort, StoredVariable, ValueSource, VariableKey } from '../ports/storage/device-model-store.port.js';
import { StoreError } from './store-error.js';
import { cloneData, variableKey } from './store-keys.js';

/** Device model store in memory: for simulators and tests; passes the same contract suite as the SQLite store. */
export class InMemoryDeviceModelStore implements DeviceModelStorePort {
  private readonly variables = new Map<string, StoredVariable>();

  loadAll(): StoredVariable[] {
    return [...this.variables.values()].map(cloneData);
  }

  saveVariables(variables: readonly StoredVariable[]): void {
    for (const v of variables) this.variables.set(variableKey(v.component, v.variable), cloneData(v));
  }

  setAttributeValue(component: ComponentKey, variable: VariableKey, type: AttributeEnumType, value: string, source: ValueSource): void {
    const stored = this.variables.get(variableKey(component, variable));
    const attribute = stored?.attributes.find((a) => a.type === type);
    if (attribute === undefined) throw new StoreError('not-found', `No attribute ${type} of ${component.name}.${variable.name}`);
    attribute.value = value;
    attribute.source = source;
  }

  removeVariables(keys: readonly { component: ComponentKey; variable: VariableKey }[]): void {
    for (const k of keys) this.variables.delete(variableKey(k.component, k.variable));
  }
}
