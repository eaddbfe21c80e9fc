import type { ComponentKey, StoredAttribute, StoredCharacteristics, VariableKey } from '../ports/storage/device-model-store.port.js';
import { componentLookupKey, variableLookupKey } from './addressing.js';

/** A variable as the running device model holds it: definition facts plus attributes with value and source. */
export interface ModelVariable {
  component: ComponentKey;
  variable: VariableKey;
  characteristics: StoredCharacteristics;
  attributes: StoredAttribute[];
  rebootRequired: boolean;
  required: boolean;
  dynamic: boolean;
  description?: string;
}

/** Finds variables and components by address, case-insensitively by name, exactly by tier (B05-B08 component matching). */
export class VariableIndex {
  private readonly variables = new Map<string, ModelVariable>();
  private readonly components = new Set<string>();

  constructor(readonly all: readonly ModelVariable[]) {
    for (const v of all) {
      this.variables.set(variableLookupKey(v.component, v.variable), v);
      this.components.add(componentLookupKey(v.component));
    }
  }

  /** Whether any variable has exactly this component address. */
  hasComponent(component: ComponentKey): boolean {
    return this.components.has(componentLookupKey(component));
  }

  /** The variable at this address, if defined. */
  find(component: ComponentKey, variable: VariableKey): ModelVariable | undefined {
    return this.variables.get(variableLookupKey(component, variable));
  }
}
