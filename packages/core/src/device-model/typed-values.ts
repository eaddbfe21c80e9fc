import type { DataEnumType } from '../messages/index.js';
import { splitList } from './value-rules.js';

/** The TypeScript kind of a variable's value as the core reads it (typed access, issue 3 §2). */
export type VariableValueKind = 'number' | 'boolean' | 'list' | 'string';

/** The TypeScript type of a value kind. */
export type ValueOfKind<K extends VariableValueKind> = K extends 'number' ? number : K extends 'boolean' ? boolean : K extends 'list' ? string[] : string;

/** Any typed device-model value. */
export type VariableValue = number | boolean | string[] | string;

/** integer/decimal → number, boolean → boolean, MemberList/SequenceList → list, others → string. */
export function valueKindOf(dataType: DataEnumType): VariableValueKind {
  switch (dataType) {
    case 'integer':
    case 'decimal':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'MemberList':
    case 'SequenceList':
      return 'list';
    case 'string':
    case 'dateTime':
    case 'OptionList':
      return 'string';
  }
}

/** Converts a stored text value to its typed form by dataType. */
export function toTypedValue(dataType: DataEnumType, text: string): VariableValue {
  switch (valueKindOf(dataType)) {
    case 'number':
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'list':
      return splitList(text);
    case 'string':
      return text;
  }
}
