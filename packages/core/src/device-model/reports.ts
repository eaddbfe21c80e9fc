import type {
  ComponentCriterionEnumType,
  ComponentVariableType,
  ReportBaseEnumType,
  ReportDataType,
  VariableAttributeType,
  VariableCharacteristicsType,
} from '../messages/index.js';
import type { ComponentKey } from '../ports/storage/device-model-store.port.js';
import { componentLookupKey, toComponentType, toVariableType } from './addressing.js';
import type { ModelReader } from './model-reader.js';
import type { ModelAttribute, ModelVariable } from './variable-index.js';

/** Variables a SummaryInventory always reports (availability of every component that has them). */
const SUMMARY_ALWAYS = new Set(['availabilitystate', 'available']);
/** Variables a SummaryInventory reports when they are true (components with a problem). */
const SUMMARY_WHEN_TRUE = new Set(['problem', 'tripped', 'overload', 'fallback']);

/**
 * B07 base reports: FullInventory (every variable, TC_B_13, TC_B_53), ConfigurationInventory (the ReadWrite and
 * WriteOnly attributes, TC_B_12), SummaryInventory (AvailabilityState and Available of every component, plus
 * Problem/Tripped/Overload/Fallback where true, TC_B_14).
 */
export function baseReport(reader: ModelReader, reportBase: ReportBaseEnumType): ReportDataType[] {
  const reports: ReportDataType[] = [];
  for (const variable of reader.index.all) {
    const attributes = variable.attributes.filter((a) => includeInBase(reader, reportBase, variable, a));
    if (attributes.length > 0) reports.push(toReportData(reader, variable, attributes));
  }
  return reports;
}

function includeInBase(reader: ModelReader, reportBase: ReportBaseEnumType, variable: ModelVariable, attribute: ModelAttribute): boolean {
  switch (reportBase) {
    case 'FullInventory':
      return true;
    case 'ConfigurationInventory':
      return attribute.mutability !== 'ReadOnly';
    case 'SummaryInventory': {
      const name = variable.variable.name.toLowerCase();
      if (variable.variable.instance !== undefined || attribute.type !== 'Actual') return false;
      return SUMMARY_ALWAYS.has(name) || (SUMMARY_WHEN_TRUE.has(name) && reader.valueOf(variable, attribute) === 'true');
    }
  }
}

/**
 * B08 custom report: variables of components meeting any of the criteria (Active, Available, Enabled: the variable of
 * that name is true, or the component has none; Problem: it is true) and selected by any componentVariable (name
 * required; instance, evse, connector and variable narrow when given). An empty result means EmptyResultSet.
 */
export function customReport(
  reader: ModelReader,
  componentCriteria: readonly ComponentCriterionEnumType[] = [],
  componentVariables: readonly ComponentVariableType[] = [],
): ReportDataType[] {
  const criteriaCache = new Map<string, boolean>();
  const reports: ReportDataType[] = [];
  for (const variable of reader.index.all) {
    if (componentCriteria.length > 0) {
      const key = componentLookupKey(variable.component);
      let meets = criteriaCache.get(key);
      if (meets === undefined) {
        meets = componentCriteria.some((criterion) => meetsCriterion(reader, variable.component, criterion));
        criteriaCache.set(key, meets);
      }
      if (!meets) continue;
    }
    if (componentVariables.length > 0 && !componentVariables.some((selector) => selects(selector, variable))) continue;
    reports.push(toReportData(reader, variable, variable.attributes));
  }
  return reports;
}

function meetsCriterion(reader: ModelReader, component: ComponentKey, criterion: ComponentCriterionEnumType): boolean {
  const variable = reader.index.find(component, { name: criterion });
  const attribute = variable?.attributes.find((a) => a.type === 'Actual');
  if (variable === undefined || attribute === undefined) return criterion !== 'Problem';
  return reader.valueOf(variable, attribute) === 'true';
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function selects(selector: ComponentVariableType, variable: ModelVariable): boolean {
  const { component, variable: wanted } = selector;
  const key = variable.component;
  if (!sameName(component.name, key.name)) return false;
  if (component.instance !== undefined && !sameName(component.instance, key.instance ?? '')) return false;
  if (component.evse !== undefined) {
    if (component.evse.id !== (key.evseId ?? 0)) return false;
    if (component.evse.connectorId !== undefined && component.evse.connectorId !== (key.connectorId ?? 0)) return false;
  }
  if (wanted === undefined) return true;
  if (!sameName(wanted.name, variable.variable.name)) return false;
  return wanted.instance === undefined || sameName(wanted.instance, variable.variable.instance ?? '');
}

/** One ReportDataType as NotifyReportRequest wants it; a WriteOnly attribute's value is omitted (B07, B08). */
export function toReportData(reader: ModelReader, variable: ModelVariable, attributes: readonly ModelAttribute[]): ReportDataType {
  const maxLength = reader.reportingValueSize();
  const variableAttribute = attributes.map((a): VariableAttributeType => {
    const attribute: VariableAttributeType = { type: a.type, mutability: a.mutability, persistent: a.persistent, constant: a.constant };
    const value = a.mutability === 'WriteOnly' ? undefined : reader.valueOf(variable, a);
    if (value !== undefined) attribute.value = value.slice(0, maxLength);
    return attribute;
  });
  const c = variable.characteristics;
  const variableCharacteristics: VariableCharacteristicsType = { dataType: c.dataType, supportsMonitoring: c.supportsMonitoring };
  if (c.unit !== undefined) variableCharacteristics.unit = c.unit;
  if (c.minLimit !== undefined) variableCharacteristics.minLimit = c.minLimit;
  if (c.maxLimit !== undefined) variableCharacteristics.maxLimit = c.maxLimit;
  if (c.valuesList !== undefined) variableCharacteristics.valuesList = c.valuesList;
  return { component: toComponentType(variable.component), variable: toVariableType(variable.variable), variableAttribute, variableCharacteristics };
}
