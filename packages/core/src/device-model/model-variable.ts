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
// in V8 (about 45 KB more per definition set), while objects built alike share one.

function frozenComponent(c: ComponentKey): Readonly<ComponentKey> {
  const copy: ComponentKey = { name: c.name };
  if (c.instance !== undefined) copy.instance = c.instance;
  if (c.evseId !== undefined) copy.evseId = c.evseId;
  if (c.connectorId !== undefined) copy.connectorId = c.connectorId;
  return Object.freeze(copy);
}

function frozenVariable(v: VariableKey): Readonly<VariableKey> {
  return Object.freeze(v.instance === undefined ? { name: v.name } : { name: v.name, instance: v.instance });
}

function frozenCharacteristics(c: StoredCharacteristics): Readonly<StoredCharacteristics> {
  const copy: StoredCharacteristics = { dataType: c.dataType, supportsMonitoring: c.supportsMonitoring };
  if (c.unit !== undefined) copy.unit = c.unit;
  if (c.minLimit !== undefined) copy.minLimit = c.minLimit;
  if (c.maxLimit !== undefined) copy.maxLimit = c.maxLimit;
  if (c.valuesList !== undefined) copy.valuesList = c.valuesList;
  return Object.freeze(copy);
}

function frozenAttribute(a: ResolvedAttribute, slot: number): ModelAttribute {
  const copy: Mutable<ModelAttribute> = { type: a.type, mutability: a.mutability, persistent: a.persistent, constant: a.constant, slot };
  if (a.defaultValue !== undefined) copy.defaultValue = a.defaultValue;
  return Object.freeze(copy);
}

/** The frozen, shareable form of a resolved definition whose attribute values start at `firstSlot`. */
export function toModelVariable(resolved: ResolvedVariable, firstSlot: number, id: number): ModelVariable {
  const variable: Mutable<ModelVariable> = {
    id,
    lookupKey: variableLookupKey(resolved.component, resolved.variable),
    component: frozenComponent(resolved.component),
    variable: frozenVariable(resolved.variable),
    characteristics: frozenCharacteristics(resolved.characteristics),
    attributes: Object.freeze(resolved.attributes.map((a, i) => frozenAttribute(a, firstSlot + i))),
    rebootRequired: resolved.rebootRequired,
    required: resolved.required,
    dynamic: resolved.dynamic,
  };
  if (resolved.description !== undefined) variable.description = resolved.description;
  return Object.freeze(variable);
}
