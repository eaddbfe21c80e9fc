import type { SetVariableDataType, SetVariableStatusEnumType, StatusInfoType } from '../messages/index.js';
import type { ComponentKey, VariableKey } from '../ports/storage/device-model-store.port.js';
import { fromComponentType } from './addressing.js';
import type { VariableValidator } from './variable-change.js';
import { checkValue } from './value-rules.js';
import type { ModelAttribute, ModelVariable, VariableIndex } from './variable-index.js';

/** What SetVariables checks against besides the variables: the size limit and the blocks' validators. */
export interface SetContext {
  readonly index: VariableIndex;
  /** Longest value SetVariables accepts (DeviceDataCtrlr.ConfigurationValueSize, ≤ 1000). */
  configurationValueSize(): number;
  /** The attribute's stored value for this station. */
  storedValue(attribute: ModelAttribute): string | undefined;
  validatorsFor(component: ComponentKey, variable: VariableKey): readonly VariableValidator[];
}

/** The outcome of one SetVariables item: an answer without change, the same value again, or a value to write. */
export type SetDecision =
  | { kind: 'answer'; status: SetVariableStatusEnumType; statusInfo?: StatusInfoType }
  | { kind: 'same'; variable: ModelVariable; attribute: ModelAttribute }
  | { kind: 'write'; variable: ModelVariable; attribute: ModelAttribute; value: string; status: 'Accepted' | 'RebootRequired' };

const ADDITIONAL_INFO_MAX = 512;

function rejected(reasonCode: string, additionalInfo?: string): SetDecision {
  const statusInfo: StatusInfoType = { reasonCode };
  if (additionalInfo !== undefined) statusInfo.additionalInfo = additionalInfo.slice(0, ADDITIONAL_INFO_MAX);
  return { kind: 'answer', status: 'Rejected', statusInfo };
}

/**
 * Decides one SetVariables item (B05): UnknownComponent (TC_B_35), UnknownVariable (TC_B_36), NotSupportedAttributeType
 * (TC_B_37), Rejected for ReadOnly or constant (TC_B_39), for a value too long, of the wrong format or out of limits
 * (TC_B_11) or refused by a validator; else Accepted, or RebootRequired when the variable needs a reboot (TC_B_09, TC_B_10).
 */
export function decideSet(context: SetContext, item: SetVariableDataType): SetDecision {
  const component = fromComponentType(item.component);
  if (!context.index.hasComponent(component)) return { kind: 'answer', status: 'UnknownComponent' };
  const variable = context.index.find(component, item.variable);
  if (variable === undefined) return { kind: 'answer', status: 'UnknownVariable' };
  const attribute = variable.attributes.find((a) => a.type === (item.attributeType ?? 'Actual'));
  if (attribute === undefined) return { kind: 'answer', status: 'NotSupportedAttributeType' };
  if (attribute.mutability === 'ReadOnly') return rejected('ReadOnly');
  if (attribute.constant) return rejected('ReadOnly', 'The attribute is constant');
  const value = item.attributeValue;
  const maxLength = context.configurationValueSize();
  if (value.length > maxLength) return rejected('TooLargeElement', `Longer than ConfigurationValueSize ${maxLength}`);
  if (value === context.storedValue(attribute)) return { kind: 'same', variable, attribute };
  const problem = checkValue(value, variable.characteristics);
  if (problem !== undefined) return rejected(problem.reasonCode, `${variable.characteristics.dataType}: ${problem.message}`);
  for (const validator of context.validatorsFor(variable.component, variable.variable)) {
    const reason = runValidator(validator, value, variable);
    if (reason !== undefined) return rejected('InvalidValue', reason);
  }
  return { kind: 'write', variable, attribute, value, status: variable.rebootRequired ? 'RebootRequired' : 'Accepted' };
}

function runValidator(validator: VariableValidator, value: string, variable: ModelVariable): string | undefined {
  try {
    return validator(value, { component: variable.component, variable: variable.variable });
  } catch (error) {
    return `Validator failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
