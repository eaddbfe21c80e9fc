import type { GetVariableDataType, GetVariableResultType } from '../messages/index.js';
import { echoComponent, echoVariable, fromComponentType } from './addressing.js';
import type { ModelReader } from './model-reader.js';

/**
 * Answers GetVariables items (B06): UnknownComponent (TC_B_32), UnknownVariable (TC_B_33), NotSupportedAttributeType
 * (TC_B_34), Rejected for WriteOnly, else Accepted with the value truncated to ReportingValueSize (TC_B_06, TC_B_07).
 */
export function getVariables(reader: ModelReader, data: readonly GetVariableDataType[]): GetVariableResultType[] {
  return data.map((item) => getOne(reader, item));
}

function getOne(reader: ModelReader, item: GetVariableDataType): GetVariableResultType {
  const result: GetVariableResultType = { component: echoComponent(item.component), variable: echoVariable(item.variable), attributeStatus: 'Accepted' };
  if (item.attributeType !== undefined) result.attributeType = item.attributeType;
  const component = fromComponentType(item.component);
  if (!reader.index.hasComponent(component)) return { ...result, attributeStatus: 'UnknownComponent' };
  const variable = reader.index.find(component, item.variable);
  if (variable === undefined) return { ...result, attributeStatus: 'UnknownVariable' };
  const attribute = variable.attributes.find((a) => a.type === (item.attributeType ?? 'Actual'));
  if (attribute === undefined) return { ...result, attributeStatus: 'NotSupportedAttributeType' };
  if (attribute.mutability === 'WriteOnly') return { ...result, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'WriteOnly' } };
  const value = reader.valueOf(variable, attribute);
  if (value === undefined) return { ...result, attributeStatus: 'Rejected', attributeStatusInfo: { reasonCode: 'InternalError', additionalInfo: 'No value available' } };
  return { ...result, attributeValue: value.slice(0, reader.reportingValueSize()) };
}
