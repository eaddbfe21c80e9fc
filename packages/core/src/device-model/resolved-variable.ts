import type { AttributeEnumType, MutabilityEnumType } from '../messages/index.js';
import type { ComponentKey, StoredCharacteristics, VariableKey } from '../ports/storage/device-model-store.port.js';

/** An attribute definition with its defaults applied. */
export interface ResolvedAttribute {
  type: AttributeEnumType;
  mutability: MutabilityEnumType;
  persistent: boolean;
  constant: boolean;
  defaultValue?: string;
}

/** A variable definition after merging standardized, layout and addition data, with defaults applied. */
export interface ResolvedVariable {
  component: ComponentKey;
  variable: VariableKey;
  characteristics: StoredCharacteristics;
  attributes: ResolvedAttribute[];
  rebootRequired: boolean;
  required: boolean;
  dynamic: boolean;
  description?: string;
}
