import type { LoggerPort } from '../ports/logger.port.js';
import type { ComponentKey, StoredCharacteristics } from '../ports/storage/device-model-store.port.js';
import { normalizeComponent, normalizeVariable, variableLabel, variableLookupKey } from './addressing.js';
import type { ComponentDefinition, VariableDefinition } from './definitions.js';
import type { ResolvedAttribute, ResolvedVariable } from './resolved-variable.js';
import { splitList } from './value-rules.js';

/** One origin of definitions; a later origin that may replace replaces earlier definitions of the same variable. */
export interface DefinitionGroup {
  origin: string;
  components: readonly ComponentDefinition[];
  /** Whether a variable defined by an earlier group may be redefined here (station additions: yes). */
  mayReplace: boolean;
}

/** Schema limits of ComponentType/VariableType/VariableCharacteristicsType (NotifyReportRequest). */
const NAME_MAX = 50;
const VALUES_LIST_MAX = 1000;
const UNIT_MAX = 16;

/** Merges definition groups into one list of resolved variables, reporting contradictions as problems (issue 3 §2). */
export function mergeDefinitions(groups: readonly DefinitionGroup[], problems: string[], logger: LoggerPort): ResolvedVariable[] {
  const merged = new Map<string, ResolvedVariable>();
  for (const group of groups) {
    const seenInGroup = new Set<string>();
    for (const definition of group.components) {
      const component = normalizeComponent(definition.component);
      problems.push(...checkComponent(component));
      for (const variableDefinition of definition.variables) {
        const resolved = resolve(component, variableDefinition);
        const label = variableLabel(resolved.component, resolved.variable);
        const key = variableLookupKey(resolved.component, resolved.variable);
        problems.push(...checkDefinition(resolved, variableDefinition).map((p) => `${label}: ${p}`));
        if (seenInGroup.has(key)) {
          problems.push(`${label}: defined twice in ${group.origin}`);
          continue;
        }
        seenInGroup.add(key);
        if (merged.has(key)) {
          if (!group.mayReplace) {
            problems.push(`${label}: defined again by ${group.origin}`);
            continue;
          }
          logger.debug({ variable: label, origin: group.origin }, 'device model: definition replaced by the station');
        }
        merged.set(key, resolved);
      }
    }
  }
  return [...merged.values()];
}

function resolve(component: ComponentKey, definition: VariableDefinition): ResolvedVariable {
  const c = definition.characteristics;
  const characteristics: StoredCharacteristics = { dataType: c.dataType, supportsMonitoring: c.supportsMonitoring ?? false };
  if (c.unit !== undefined) characteristics.unit = c.unit;
  if (c.minLimit !== undefined) characteristics.minLimit = c.minLimit;
  if (c.maxLimit !== undefined) characteristics.maxLimit = c.maxLimit;
  if (c.valuesList !== undefined) characteristics.valuesList = c.valuesList;
  const attributes = definition.attributes.map((a): ResolvedAttribute => {
    const attribute: ResolvedAttribute = { type: a.type ?? 'Actual', mutability: a.mutability, persistent: a.persistent ?? true, constant: a.constant ?? false };
    if (a.value !== undefined) attribute.defaultValue = a.value;
    return attribute;
  });
  const resolved: ResolvedVariable = {
    component,
    variable: normalizeVariable(definition.variable),
    characteristics,
    attributes,
    rebootRequired: definition.rebootRequired ?? false,
    required: definition.required ?? false,
    dynamic: definition.dynamic ?? false,
  };
  if (definition.description !== undefined) resolved.description = definition.description;
  return resolved;
}

function checkComponent(component: ComponentKey): string[] {
  const problems: string[] = [];
  const label = component.name;
  if (!validName(component.name) || (component.instance !== undefined && !validName(component.instance))) {
    problems.push(`component ${label}: name and instance must be 1-${NAME_MAX} characters`);
  }
  if (component.evseId !== undefined && !(Number.isInteger(component.evseId) && component.evseId >= 0)) problems.push(`component ${label}: evseId must be an integer >= 0`);
  if (component.connectorId !== undefined && component.connectorId !== 0) {
    if (component.evseId === undefined || component.evseId === 0) problems.push(`component ${label}: connectorId needs an evseId`);
    if (!Number.isInteger(component.connectorId) || component.connectorId < 0) problems.push(`component ${label}: connectorId must be an integer >= 0`);
  }
  return problems;
}

/** Problems of a definition on its own: names, attributes, characteristics that contradict each other. */
function checkDefinition(resolved: ResolvedVariable, definition: VariableDefinition): string[] {
  const problems: string[] = [];
  const { variable, characteristics: c, attributes } = resolved;
  if (!validName(variable.name) || (variable.instance !== undefined && !validName(variable.instance))) {
    problems.push(`variable name and instance must be 1-${NAME_MAX} characters`);
  }
  if (attributes.length === 0 || attributes.length > 4) problems.push('a variable has 1 to 4 attributes');
  if (new Set(attributes.map((a) => a.type)).size !== attributes.length) problems.push('an attribute type appears twice');
  if ((c.dataType === 'OptionList' || c.dataType === 'MemberList') && c.valuesList === undefined) problems.push(`${c.dataType} needs a valuesList`);
  if (c.valuesList !== undefined) {
    if (c.valuesList.length > VALUES_LIST_MAX) problems.push(`valuesList longer than ${VALUES_LIST_MAX} characters`);
    if (splitList(c.valuesList).some((m) => m === '')) problems.push('valuesList has an empty member');
  }
  if (c.unit !== undefined && c.unit.length > UNIT_MAX) problems.push(`unit longer than ${UNIT_MAX} characters`);
  if (c.minLimit !== undefined && c.maxLimit !== undefined && c.minLimit > c.maxLimit) problems.push(`minLimit ${c.minLimit} > maxLimit ${c.maxLimit}`);
  if (definition.dynamic === true && attributes.some((a) => a.mutability !== 'ReadOnly')) problems.push('a dynamic variable must be ReadOnly');
  return problems;
}

function validName(name: string): boolean {
  return name.length > 0 && name.length <= NAME_MAX;
}
