import type { AttributeEnumType } from '../messages/index.js';
import type { ComponentKey, ValueSource, VariableKey } from '../ports/storage/device-model-store.port.js';

/**
 * One stored change of an attribute value, emitted after it is persisted (B05; libocpp variable_changed).
 * For a WriteOnly variable (BasicAuthPassword) the values are secrets: never log them.
 */
export interface VariableChange {
  component: ComponentKey;
  variable: VariableKey;
  attributeType: AttributeEnumType;
  oldValue: string | undefined;
  newValue: string;
  source: ValueSource;
  /** The variable's change takes effect after a reboot; the CSMS was answered RebootRequired. */
  rebootRequired?: boolean;
}

/** A semantic check a block adds to SetVariables: returns a reason to reject, or undefined (B05). */
export type VariableValidator = (value: string, context: { component: ComponentKey; variable: VariableKey }) => string | undefined;
