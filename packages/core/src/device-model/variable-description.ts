import type { ComponentKey, StoredAttribute, StoredCharacteristics, VariableKey } from '../ports/storage/device-model-store.port.js';
import type { AttributeValues } from './attribute-values.js';
import type { ModelVariable } from './variable-index.js';

/** What `DeviceModel.describe` tells about a variable: characteristics, attribute metadata (no values), definition flags. */
export interface VariableDescription extends StoredCharacteristics {
  component: ComponentKey;
  variable: VariableKey;
  attributes: Omit<StoredAttribute, 'value'>[];
  rebootRequired: boolean;
  required: boolean;
  dynamic: boolean;
  description?: string;
}

/** A copy of a variable's facts without its values, so WriteOnly values never leak through it. */
export function describeVariable(found: ModelVariable, values: AttributeValues): VariableDescription {
  const description: VariableDescription = {
    ...found.characteristics,
    component: { ...found.component },
    variable: { ...found.variable },
    attributes: found.attributes.map((a) => ({ type: a.type, mutability: a.mutability, persistent: a.persistent, constant: a.constant, source: values.source(a) })),
    rebootRequired: found.rebootRequired,
    required: found.required,
    dynamic: found.dynamic,
  };
  if (found.description !== undefined) description.description = found.description;
  return description;
}
