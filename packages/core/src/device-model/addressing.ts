import type { ComponentType, VariableType } from '../messages/index.js';
import type { ComponentKey, VariableKey } from '../ports/storage/device-model-store.port.js';

/** A component address in canonical form: station level has no evseId, an EVSE-level one no connectorId (B05-B08). */
export function normalizeComponent(component: ComponentKey): ComponentKey {
  const key: ComponentKey = { name: component.name };
  if (component.instance !== undefined) key.instance = component.instance;
  if (component.evseId !== undefined && component.evseId !== 0) {
    key.evseId = component.evseId;
    if (component.connectorId !== undefined && component.connectorId !== 0) key.connectorId = component.connectorId;
  }
  return key;
}

/** A variable address in canonical form. */
export function normalizeVariable(variable: VariableKey): VariableKey {
  return variable.instance === undefined ? { name: variable.name } : { name: variable.name, instance: variable.instance };
}

/** The lookup key of a component: names are case-insensitive (ComponentType.name), tiers compared exactly. */
export function componentLookupKey(component: ComponentKey): string {
  return JSON.stringify([
    component.name.toLowerCase(),
    (component.instance ?? '').toLowerCase(),
    component.evseId ?? 0,
    component.evseId === undefined || component.evseId === 0 ? 0 : (component.connectorId ?? 0),
  ]);
}

/** The lookup key of a variable within its component (VariableType.name is case-insensitive). */
export function variableLookupKey(component: ComponentKey, variable: VariableKey): string {
  return `${componentLookupKey(component)}/${JSON.stringify([variable.name.toLowerCase(), (variable.instance ?? '').toLowerCase()])}`;
}

/** The key registered validators are found by: component and variable names only, any instance or tier. */
export function nameLookupKey(component: string, variable: string): string {
  return JSON.stringify([component.toLowerCase(), variable.toLowerCase()]);
}

/** Converts an OCPP ComponentType (evse.id, evse.connectorId) to a ComponentKey. */
export function fromComponentType(component: ComponentType): ComponentKey {
  const key: ComponentKey = { name: component.name };
  if (component.instance !== undefined) key.instance = component.instance;
  if (component.evse !== undefined) {
    key.evseId = component.evse.id;
    if (component.evse.connectorId !== undefined) key.connectorId = component.evse.connectorId;
  }
  return normalizeComponent(key);
}

/** Converts a ComponentKey to the OCPP ComponentType of reports and results. */
export function toComponentType(component: ComponentKey): ComponentType {
  const result: ComponentType = { name: component.name };
  if (component.instance !== undefined) result.instance = component.instance;
  if (component.evseId !== undefined && component.evseId !== 0) {
    result.evse = component.connectorId !== undefined && component.connectorId !== 0 ? { id: component.evseId, connectorId: component.connectorId } : { id: component.evseId };
  }
  return result;
}

/** Converts a VariableKey to the OCPP VariableType (same shape, without extra fields). */
export function toVariableType(variable: VariableKey): VariableType {
  return normalizeVariable(variable);
}

/** Copies a request's ComponentType without customData, for echoing it in a result. */
export function echoComponent(component: ComponentType): ComponentType {
  const result: ComponentType = { name: component.name };
  if (component.instance !== undefined) result.instance = component.instance;
  if (component.evse !== undefined) {
    result.evse = component.evse.connectorId === undefined ? { id: component.evse.id } : { id: component.evse.id, connectorId: component.evse.connectorId };
  }
  return result;
}

/** Copies a request's VariableType without customData, for echoing it in a result. */
export function echoVariable(variable: VariableType): VariableType {
  return normalizeVariable(variable);
}

/** A component as people read it in errors and logs: `Connector(evse 1, connector 2)`, `Foo[Bar]`. */
export function componentLabel(component: ComponentKey): string {
  const instance = component.instance === undefined ? '' : `[${component.instance}]`;
  const tier =
    component.evseId === undefined || component.evseId === 0
      ? ''
      : component.connectorId === undefined || component.connectorId === 0
        ? `(evse ${component.evseId})`
        : `(evse ${component.evseId}, connector ${component.connectorId})`;
  return `${component.name}${instance}${tier}`;
}

/** A variable as people read it in errors and logs: `OCPPCommCtrlr.MessageTimeout[Default]`. */
export function variableLabel(component: ComponentKey, variable: VariableKey): string {
  return `${componentLabel(component)}.${variable.name}${variable.instance === undefined ? '' : `[${variable.instance}]`}`;
}
