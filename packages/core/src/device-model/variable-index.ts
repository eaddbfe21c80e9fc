import type { ComponentKey, VariableKey } from '../ports/storage/device-model-store.port.js';
import { componentLookupKey, variableLookupKey } from './addressing.js';
import type { ModelVariable } from './model-variable.js';

export type { ModelAttribute, ModelVariable } from './model-variable.js';

/**
 * The defined variables, immutable, found by address case-insensitively by name and exactly by tier (B05-B08
 * component matching). Holds no values, so stations with equal definitions share one index (issue 6 §5).
 */
export class VariableIndex {
  /** How many attributes all variables have together: the size of a station's AttributeValues. */
  readonly slotCount: number;
  private readonly variables = new Map<string, ModelVariable>();
  private readonly components = new Set<string>();

  /** `all` with consecutive attribute slots from 0 (as sharedVariableIndex builds them). */
  constructor(readonly all: readonly ModelVariable[]) {
    let slots = 0;
    for (const v of all) {
      this.variables.set(v.lookupKey, v);
      this.components.add(componentLookupKey(v.component));
      slots += v.attributes.length;
    }
    this.slotCount = slots;
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
