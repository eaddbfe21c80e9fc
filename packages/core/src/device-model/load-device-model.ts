import type { AttributeEnumType } from '../messages/index.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { DeviceModelStorePort, StoredAttribute, StoredVariable, ValueSource } from '../ports/storage/device-model-store.port.js';
import { variableKey } from '../storage-memory/index.js';
import { normalizeComponent, normalizeVariable, variableLabel, variableLookupKey } from './addressing.js';
import { AttributeValues } from './attribute-values.js';
import type { ConfigValue, DeviceModelConfig } from './definitions.js';
import { DeviceModelConfigError } from './device-model-config-error.js';
import { checkLayout, layoutComponents, layoutValues } from './layout-components.js';
import { mergeDefinitions } from './merge-definitions.js';
import type { ResolvedAttribute } from './resolved-variable.js';
import { sharedVariableIndex } from './shared-variable-index.js';
import { standardizedComponents } from './standardized/index.js';
import { checkValue } from './value-rules.js';
import type { ModelAttribute, ModelVariable, VariableIndex } from './variable-index.js';

/** What loading needs: the store to merge with and a logger for values that fall back. */
export interface LoadDeps {
  store: DeviceModelStorePort;
  logger: LoggerPort;
}

/** A loaded device model: the definitions (shared by stations that define the same) and this station's values. */
export interface LoadedModel {
  index: VariableIndex;
  values: AttributeValues;
}

/**
 * Builds the device model from standardized data, the layout and the station's additions and values, merged with the
 * store: a valid stored value the CSMS or the station set survives config changes and restarts (DESIGN §4, issue 3 §2).
 * Throws DeviceModelConfigError, before writing anything, when the config is incomplete or contradicts itself.
 */
export function loadDeviceModel(deps: LoadDeps, config: DeviceModelConfig): LoadedModel {
  const problems = checkLayout(config.layout);
  const definitions = mergeDefinitions(
    [
      { origin: 'the standardized components', components: standardizedComponents, mayReplace: false },
      { origin: 'the layout', components: layoutComponents(config.layout), mayReplace: false },
      { origin: 'the additions', components: config.additions ?? [], mayReplace: true },
    ],
    problems,
    deps.logger,
  );
  const index = sharedVariableIndex(definitions);
  const configValues = collectConfigValues([...layoutValues(config.layout), ...(config.values ?? [])], index, problems);
  const stored = deps.store.loadAll();
  const storedByKey = new Map(stored.map((s) => [variableLookupKey(s.component, s.variable), s]));
  const values = new AttributeValues(index.slotCount);
  for (const variable of index.all) buildValues(variable, values, configValues, storedByKey.get(variable.lookupKey), problems, deps.logger);
  if (problems.length > 0) throw new DeviceModelConfigError(problems);
  persist(deps, index.all, values, stored);
  return { index, values };
}

function attributeKey(lookupKey: string, type: AttributeEnumType): string {
  return `${lookupKey}#${type}`;
}

/** Config values by attribute; unknown variables, missing attributes and contradicting duplicates are problems. */
function collectConfigValues(values: readonly ConfigValue[], index: VariableIndex, problems: string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const entry of values) {
    const component = normalizeComponent(entry.component);
    const variable = normalizeVariable(entry.variable);
    const label = variableLabel(component, variable);
    const definition = index.find(component, variable);
    const type = entry.attributeType ?? 'Actual';
    if (definition === undefined) {
      problems.push(`${label}: a config value is given for a variable that is not defined`);
      continue;
    }
    if (!definition.attributes.some((a) => a.type === type)) {
      problems.push(`${label}: a config value is given for attribute ${type}, which the variable does not have`);
      continue;
    }
    const key = attributeKey(definition.lookupKey, type);
    const previous = result.get(key);
    if (previous !== undefined && previous !== entry.value) {
      problems.push(`${label}: the config gives two different ${type} values`);
      continue;
    }
    result.set(key, entry.value);
  }
  return result;
}

function shown(attribute: ResolvedAttribute, value: string): string {
  return attribute.mutability === 'WriteOnly' ? '(hidden)' : JSON.stringify(value);
}

/** This station's value and source of each attribute: stored (CSMS or station), else config, else default. */
function buildValues(
  definition: ModelVariable,
  values: AttributeValues,
  configValues: ReadonlyMap<string, string>,
  stored: StoredVariable | undefined,
  problems: string[],
  logger: LoggerPort,
): void {
  const label = variableLabel(definition.component, definition.variable);
  for (const attribute of definition.attributes) {
    let value = attribute.defaultValue;
    let source: ValueSource = 'default';
    const configured = configValues.get(attributeKey(definition.lookupKey, attribute.type));
    if (configured !== undefined) {
      value = configured;
      source = 'config';
    }
    if (value !== undefined) {
      const problem = checkValue(value, definition.characteristics);
      if (problem !== undefined) problems.push(`${label}: ${attribute.type} ${source} value ${shown(attribute, value)} is invalid: ${problem.message}`);
    }
    const kept = keptStoredValue(definition, attribute, stored, label, logger);
    if (kept !== undefined) {
      value = kept.value;
      source = kept.source;
    }
    if (value === undefined && attribute.mutability !== 'WriteOnly' && !definition.dynamic) {
      problems.push(
        definition.required && attribute.type === 'Actual' ? `${label}: required variable has no value` : `${label}: ${attribute.type} has no value (only WriteOnly attributes may have none)`,
      );
    }
    values.set(attribute, value, source);
  }
}

/** A value the CSMS or the station set survives when the attribute is persistent, still writable by that party and valid. */
function keptStoredValue(
  definition: ModelVariable,
  attribute: ResolvedAttribute,
  stored: StoredVariable | undefined,
  label: string,
  logger: LoggerPort,
): { value: string; source: ValueSource } | undefined {
  const previous = stored?.attributes.find((a) => a.type === attribute.type);
  if (previous?.value === undefined || (previous.source !== 'csms' && previous.source !== 'station')) return undefined;
  if (!attribute.persistent || definition.dynamic) return undefined;
  const fields = { variable: label, attributeType: attribute.type, source: previous.source };
  if (attribute.constant) {
    logger.warn(fields, 'device model: stored value dropped, the attribute is now constant');
    return undefined;
  }
  if (previous.source === 'csms' && attribute.mutability === 'ReadOnly') {
    logger.warn(fields, 'device model: value set by the CSMS dropped, the attribute is now ReadOnly');
    return undefined;
  }
  const problem = checkValue(previous.value, definition.characteristics);
  if (problem !== undefined) {
    logger.warn({ ...fields, reason: problem.message }, 'device model: stored value no longer valid under the new characteristics; config/default value used');
    return undefined;
  }
  return { value: previous.value, source: previous.source };
}

function toStored(variable: ModelVariable, values: AttributeValues): StoredVariable {
  const stored: StoredVariable = {
    component: { ...variable.component },
    variable: { ...variable.variable },
    characteristics: { ...variable.characteristics },
    attributes: variable.attributes.map((a: ModelAttribute): StoredAttribute => {
      const attribute: StoredAttribute = { type: a.type, mutability: a.mutability, persistent: a.persistent, constant: a.constant, source: values.source(a) };
      const value = values.value(a);
      if (value !== undefined) attribute.value = value;
      return attribute;
    }),
  };
  if (variable.rebootRequired) stored.rebootRequired = true;
  return stored;
}

/** Writes what changed in one transaction and removes stored variables the configuration no longer defines. */
function persist(deps: LoadDeps, variables: readonly ModelVariable[], values: AttributeValues, stored: readonly StoredVariable[]): void {
  const storedByExactKey = new Map(stored.map((s) => [variableKey(s.component, s.variable), s]));
  const changed = variables
    .map((v) => toStored(v, values))
    .filter((v) => {
      const previous = storedByExactKey.get(variableKey(v.component, v.variable));
      return previous === undefined || canonical(normalizeStored(previous)) !== canonical(v);
    });
  if (changed.length > 0) deps.store.saveVariables(changed);
  const defined = new Set(variables.map((v) => variableKey(v.component, v.variable)));
  const removed = stored.filter((s) => !defined.has(variableKey(s.component, s.variable)));
  if (removed.length > 0) {
    deps.store.removeVariables(removed.map((s) => ({ component: s.component, variable: s.variable })));
    deps.logger.info({ variables: removed.map((s) => variableLabel(s.component, s.variable)) }, 'device model: stored variables no longer defined were removed');
  }
}

/** A stored variable with its addresses in canonical form, so that equal content compares equal. */
function normalizeStored(s: StoredVariable): StoredVariable {
  const normalized: StoredVariable = { ...s, component: normalizeComponent(s.component), variable: normalizeVariable(s.variable) };
  if (normalized.rebootRequired === false) delete normalized.rebootRequired;
  return normalized;
}

/** JSON text with object keys sorted, for comparing plain data. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
