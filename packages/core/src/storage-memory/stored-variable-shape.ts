import type { StoredAttribute, StoredVariable, ValueSource } from '../ports/storage/device-model-store.port.js';
import { contentKey, InternPool } from './intern-pool.js';
import { variableKey } from './store-keys.js';

/** An attribute as stored, without what a station changes at run time (value and source). */
export type AttributeShape = Readonly<Omit<StoredAttribute, 'value' | 'source'>>;

/** What stations have in common about a stored variable: address, characteristics and attribute facts, frozen. */
export interface VariableShape {
  /** Tells shapes apart cheaply (e.g. in a StoreLayout's key); unique in the process. */
  readonly id: number;
  /** The store's key of the address (`variableKey`). */
  readonly key: string;
  readonly component: Readonly<StoredVariable['component']>;
  readonly variable: Readonly<StoredVariable['variable']>;
  readonly characteristics: Readonly<StoredVariable['characteristics']>;
  readonly attributes: readonly AttributeShape[];
  readonly rebootRequired?: boolean;
}

// Shared by every in-memory store of the process: a fleet of simulated stations stores the same definitions.
const shapes = new InternPool<VariableShape>();
let nextId = 1;

/** A frozen shallow copy without keys whose value is undefined (as a JSON round trip would drop them). */
function definedCopy<T extends object>(source: T): T {
  return Object.freeze(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined))) as T;
}

/** The shared shape of this variable (made once per distinct content; its values and sources are not part of it). */
export function variableShape(variable: StoredVariable): VariableShape {
  const metas = variable.attributes.map(({ value: _value, source: _source, ...meta }) => meta);
  return shapes.intern(contentKey([variable.component, variable.variable, variable.characteristics, metas, variable.rebootRequired]), () => {
    const made: { -readonly [K in keyof VariableShape]: VariableShape[K] } = {
      id: nextId++,
      key: variableKey(variable.component, variable.variable),
      component: definedCopy(variable.component),
      variable: definedCopy(variable.variable),
      characteristics: definedCopy(variable.characteristics),
      attributes: Object.freeze(metas.map(definedCopy)),
    };
    if (variable.rebootRequired !== undefined) made.rebootRequired = variable.rebootRequired;
    return Object.freeze(made);
  });
}

/** A fresh, mutable StoredVariable from a shape and the values and sources of its attributes from `firstSlot` on. */
export function toStoredVariable(shape: VariableShape, values: readonly (string | undefined)[], sources: readonly ValueSource[], firstSlot: number): StoredVariable {
  const variable: StoredVariable = {
    component: { ...shape.component },
    variable: { ...shape.variable },
    characteristics: { ...shape.characteristics },
    attributes: shape.attributes.map((meta, i): StoredAttribute => {
      const attribute: StoredAttribute = { ...meta, source: sources[firstSlot + i] ?? 'default' };
      const value = values[firstSlot + i];
      if (value !== undefined) attribute.value = value;
      return attribute;
    }),
  };
  if (shape.rebootRequired !== undefined) variable.rebootRequired = shape.rebootRequired;
  return variable;
}
