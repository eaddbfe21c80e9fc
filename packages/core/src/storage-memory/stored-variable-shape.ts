import type { StoredAttribute, StoredVariable, ValueSource } from '../ports/storage/device-model-store.port.js';
import { contentKey, InternPool } from './intern-pool.js';
import { variableKey } from './store-keys.js';

/** An attribute as stored, without what a station changes at run time (value and source). */
export type AttributeShape = Readonly<Omit<StoredAttribute, 'value' | 'source'>>;

/** What stations have in common about a stored variable: address, characteristics and attribute facts, frozen. */
export interface VariableShape {
  /** The store's key of the address (`variableKey`). */
  readonly key: string;
  readonly component: Readonly<StoredVariable['component']>;
  readonly variable: Readonly<StoredVariable['variable']>;
  readonly characteristics: Readonly<StoredVariable['characteristics']>;
  readonly attributes: readonly AttributeShape[];
  readonly rebootRequired?: boolean;
}

/** One variable as an in-memory store holds it: the shared shape plus this station's values and sources, by attribute. */
export interface StoredValues {
  readonly shape: VariableShape;
  readonly values: (string | undefined)[];
  readonly sources: ValueSource[];
}

// Shared by every in-memory store of the process: a fleet of simulated stations stores the same definitions.
const shapes = new InternPool<VariableShape>();

/** A shallow copy without keys whose value is undefined (as a JSON round trip would drop them). */
function definedCopy<T extends object>(source: T): T {
  return Object.freeze(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined))) as T;
}

/** Splits a variable into the shared shape (made once per distinct content) and its own values and sources. */
export function toStoredValues(variable: StoredVariable): StoredValues {
  const metas = variable.attributes.map(({ value: _value, source: _source, ...meta }) => meta);
  const key = contentKey([variable.component, variable.variable, variable.characteristics, metas, variable.rebootRequired]);
  const shape = shapes.intern(key, () => {
    const made: { -readonly [K in keyof VariableShape]: VariableShape[K] } = {
      key: variableKey(variable.component, variable.variable),
      component: definedCopy(variable.component),
      variable: definedCopy(variable.variable),
      characteristics: definedCopy(variable.characteristics),
      attributes: Object.freeze(metas.map(definedCopy)),
    };
    if (variable.rebootRequired !== undefined) made.rebootRequired = variable.rebootRequired;
    return Object.freeze(made);
  });
  return { shape, values: variable.attributes.map((a) => a.value), sources: variable.attributes.map((a) => a.source) };
}

/** A fresh, mutable StoredVariable (callers may change what they get without touching the store). */
export function fromStoredValues(stored: StoredValues): StoredVariable {
  const { shape } = stored;
  const variable: StoredVariable = {
    component: { ...shape.component },
    variable: { ...shape.variable },
    characteristics: { ...shape.characteristics },
    attributes: shape.attributes.map((meta, i): StoredAttribute => {
      const attribute: StoredAttribute = { ...meta, source: stored.sources[i] ?? 'default' };
      const value = stored.values[i];
      if (value !== undefined) attribute.value = value;
      return attribute;
    }),
  };
  if (shape.rebootRequired !== undefined) variable.rebootRequired = shape.rebootRequired;
  return variable;
}
