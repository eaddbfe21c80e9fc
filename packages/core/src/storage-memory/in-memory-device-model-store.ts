import type { AttributeEnumType } from '../messages/index.js';
import type { ComponentKey, DeviceModelStorePort, StoredVariable, ValueSource, VariableKey } from '../ports/storage/device-model-store.port.js';
import { StoreError } from './store-error.js';
import { variableKey } from './store-keys.js';
import { sharedLayout, type StoreLayout } from './store-layout.js';
import { toStoredVariable, variableShape, type VariableShape } from './stored-variable-shape.js';

/** One variable while a batch is applied: its shape and its own values and sources. */
interface Entry {
  shape: VariableShape;
  values: (string | undefined)[];
  sources: ValueSource[];
}

/**
 * Device model store in memory: for simulators and tests; passes the same contract suite as the SQLite store. A store
 * holds only values and sources; the definitions and their layout are shared by the stores that hold the same
 * (issue 6 §5: a thousand stations in one process).
 */
export class InMemoryDeviceModelStore implements DeviceModelStorePort {
  private layout: StoreLayout = sharedLayout([]);
  private values: (string | undefined)[] = [];
  private sources: ValueSource[] = [];

  loadAll(): StoredVariable[] {
    return this.layout.shapes.map((shape, position) => toStoredVariable(shape, this.values, this.sources, this.layout.firstSlot(position)));
  }

  saveVariables(variables: readonly StoredVariable[]): void {
    if (variables.length === 0) return;
    const entries = this.entries();
    for (const v of variables) {
      const shape = variableShape(v);
      // An address saved again keeps its place (as a Map does), with the new shape and values.
      entries.set(shape.key, { shape, values: v.attributes.map((a) => a.value), sources: v.attributes.map((a) => a.source) });
    }
    this.replaceWith(entries);
  }

  setAttributeValue(component: ComponentKey, variable: VariableKey, type: AttributeEnumType, value: string, source: ValueSource): void {
    const slot = this.layout.slotOf(variableKey(component, variable), type);
    if (slot === undefined) throw new StoreError('not-found', `No attribute ${type} of ${component.name}.${variable.name}`);
    this.values[slot] = value;
    this.sources[slot] = source;
  }

  removeVariables(keys: readonly { component: ComponentKey; variable: VariableKey }[]): void {
    const entries = this.entries();
    let removed = false;
    for (const k of keys) removed = entries.delete(variableKey(k.component, k.variable)) || removed;
    if (removed) this.replaceWith(entries);
  }

  private entries(): Map<string, Entry> {
    return new Map(
      this.layout.shapes.map((shape, position) => {
        const first = this.layout.firstSlot(position);
        const end = first + shape.attributes.length;
        return [shape.key, { shape, values: this.values.slice(first, end), sources: this.sources.slice(first, end) }];
      }),
    );
  }

  private replaceWith(entries: ReadonlyMap<string, Entry>): void {
    const list = [...entries.values()];
    this.layout = sharedLayout(list.map((e) => e.shape));
    this.values = list.flatMap((e) => e.values);
    this.sources = list.flatMap((e) => e.sources);
  }
}
