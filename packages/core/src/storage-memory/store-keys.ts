import type { ComponentKey, VariableKey } from '../ports/storage/device-model-store.port.js';

/** A stable text key for a component + variable address (absent evse/connector and 0 are the same station level). */
export function variableKey(component: ComponentKey, variable: VariableKey): string {
  return JSON.stringify([component.name, component.instance ?? '', component.evseId ?? 0, component.connectorId ?? 0, variable.name, variable.instance ?? '']);
}

/**
 * Deep copy of plain JSON-like data, so stored state can never be changed through a returned object. Strings are
 * immutable, so they are shared rather than copied (structuredClone copies each one: a thousand stations' stores
 * would hold a thousand copies of every measurand and timestamp, issue 6 §5). Anything but plain objects and arrays
 * (a Date, a Map) still goes through structuredClone.
 */
export function cloneData<T>(value: T): T {
  // structuredClone throws DataCloneError for these, as it always did.
  if (typeof value === 'function' || typeof value === 'symbol') return structuredClone(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneData) as T;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = cloneData(item);
  return copy as T;
}
