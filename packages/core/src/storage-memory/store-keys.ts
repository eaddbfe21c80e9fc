import type { ComponentKey, VariableKey } from '../ports/storage/device-model-store.port.js';

/** A stable text key for a component + variable address (absent evse/connector and 0 are the same station level). */
export function variableKey(component: ComponentKey, variable: VariableKey): string {
  return JSON.stringify([component.name, component.instance ?? '', component.evseId ?? 0, component.connectorId ?? 0, variable.name, variable.instance ?? '']);
}

/** Deep copy of plain JSON-like data, so stored state can never be changed through a returned object. */
export function cloneData<T>(value: T): T {
  return structuredClone(value);
}
