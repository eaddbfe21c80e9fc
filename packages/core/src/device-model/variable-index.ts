import type { ComponentKey, StoredCharacteristics, VariableKey } from '../ports/storage/device-model-store.port.js';
import { componentLookupKey, variableLookupKey } from './addressing.js';
import type { ResolvedAttribute, ResolvedVariable } from './resolved-variable.js';

/** An attribute as the device model defines it; its value and source live per station at `slot` (AttributeValues). */
export interface ModelAttribute extends Readonly<ResolvedAttribute> {
  /** Position of this attribute's value and source in a station's AttributeValues. */
  readonly slot: number;
}

/** A variable's definition facts as the running device model holds them, shared by every station defining it alike. */
export interface ModelVariable {
  readonly component: Readonly<ComponentKey>;
  readonly variable: Readonly<VariableKey>;
  readonly characteristics: Readonly<StoredCharacteristics>;
  readonly attributes: readonly ModelAttribute[];
  readonly rebootRequired: boolean;
  readonly required: boolean;
  readonly dynamic: boolean;
  readonly description?: string;
}

function frozenCopy<T extends object>(value: T): Readonly<T> {
  return Object.freeze({ ...value });
}

function toModelVariable(resolved: ResolvedVariable, firstSlot: number): ModelVariable {
  const attributes = resolved.attributes.map((a, i): ModelAttribute => Object.freeze({ ...a, slot: firstSlot + i }));
  return Object.freeze({
    ...resolved,
    component: frozenCopy(resolved.component),
    variable: frozenCopy(resolved.variable),
    characteristics: frozenCopy(resolved.characteristics),
    attributes: Object.freeze(attributes),
  });
}

/**
 * The defined variables, immutable, found by address case-insensitively by name and exactly by tier (B05-B08
 * component matching). Holds no values, so stations with equal definitions share one index (issue 6 §5).
 */
export class VariableIndex {
  readonly all: readonly ModelVariable[];
  /** How many attributes all variables have together: the size of a station's AttributeValues. */
  readonly slotCount: number;
  private readonly variables = new Map<string, ModelVariable>();
  private readonly components = new Set<string>();

  constructor(definitions: readonly ResolvedVariable[]) {
    let slot = 0;
    this.all = Object.freeze(
      definitions.map((d) => {
        const v = toModelVariable(d, slot);
        slot += v.attributes.length;
        return v;
      }),
    );
    this.slotCount = slot;
    for (const v of this.all) {
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
