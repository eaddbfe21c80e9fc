import type { ComponentKey, StoredCharacteristics, VariableKey } from '../ports/storage/device-model-store.port.js';
import { variableLookupKey } from './addressing.js';
import type { ResolvedAttribute, ResolvedVariable } from './resolved-variable.js';

/** An attribute as the device model defines it; its value and source live per station at `slot` (AttributeValues). */
export interface ModelAttribute extends Readonly<ResolvedAttribute> {
  /** Position of this attribute's value and source in a station's AttributeValues. */
  readonly slot: number;
}

/** A variable's definition facts as the running device model holds them, shared by every station defining it alike. */
export interface ModelVariable {
  /** Unique in the process; names this shared definition in the key of a shared VariableIndex. */
  readonly id: number;
  /** `variableLookupKey` of the address, computed once. */
  readonly lookupKey: string;
  readonly component: Readonly<ComponentKey>;
  readonly variable: Readonly<VariableKey>;
  readonly characteristics: Readonly<StoredCharacteristics>;
  readonly attributes: readonly ModelAttribute[];
  readonly rebootRequired: boolean;
  readonly required: boolean;
  readonly dynamic: boolean;
  readonly description?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// The shared objects are built field by field, not spread: frozen spread copies each got a hidden class of their own
// in V8 (about 45 KB more per definition set), while objects built alike share one. mergeDefinitions already builds
// the address and the characteristics that way, fresh for each load, so they are frozen as they are.

function frozenAttribute(a: ResolvedAttribute, slot: number): ModelAttribute {
  const copy: Mutable<ModelAttribute> = { type: a.type, mutability: a.mutability, persistent: a.persistent, constant: a.constant, slot };
  if (a.defaultValue !== undefined) copy.defaultValue = a.defaultValue;
  return Object.freeze(copy);
}

/** The frozen, shareable form of a resolved definition (freezing its address and characteristics) whose attribute values start at `firstSlot`. */
export function toModelVariable(resolved: ResolvedVariable, firstSlot: number, id: number): ModelVariable {
  const variable: Mutable<ModelVariable> = {
    id,
    lookupKey: variableLookupKey(resolved.component, resolved.variable),
    component: Object.freeze(resolved.component),
    variable: Object.freeze(resolved.variable),
    characteristics: Object.freeze(resolved.characteristics),
    attributes: Object.freeze(resolved.attributes.map((a, i) => frozenAttribute(a, firstSlot + i))),
    rebootRequired: resolved.rebootRequired,
    required: resolved.required,
    dynamic: resolved.dynamic,
  };
  if (resolved.description !== undefined) variable.description = resolved.description;
  return Object.freeze(variable);
}
