import type { AttributeEnumType } from '../messages/index.js';
import type { ComponentKey, DeviceModelStorePort, StoredVariable, ValueSource, VariableKey } from '../ports/storage/device-model-store.port.js';
import { StoreError } from './store-error.js';
import { variableKey } from './store-keys.js';
import { fromStoredValues, toStoredValues, type StoredValues } from './stored-variable-shape.js';

/**
 * Device model store in memory: for simulators and tests; passes the same contract suite as the SQLite store. It keeps
 * only values and sources per station; definitions are shared by every in-memory store of the process (issue 6 §5).
 */
export class InMemoryDeviceModelStore implements DeviceModelStorePort {
  private readonly variables = new Map<string, StoredValues>();

  loadAll(): StoredVariable[] {
    return [...this.variables.values()].map(fromStoredValues);
  }

  saveVariables(variables: readonly StoredVariable[]): void {
    for (const v of variables) {
      const stored = toStoredValues(v);
      this.variables.set(stored.shape.key, stored);
    }
  }

  setAttributeValue(component: ComponentKey, variable: VariableKey, type: AttributeEnumType, value: string, source: ValueSource): void {
    const stored = this.variables.get(variableKey(component, variable));
    const index = stored?.shape.attributes.findIndex((a) => a.type === type) ?? -1;
    if (stored === undefined || index < 0) throw new StoreError('not-found', `No attribute ${type} of ${component.name}.${variable.name}`);
    stored.values[index] = value;
    stored.sources[index] = source;
  }

  removeVariables(keys: readonly { component: ComponentKey; variable: VariableKey }[]): void {
    for (const k of keys) this.variables.delete(variableKey(k.component, k.variable));
  }
}
