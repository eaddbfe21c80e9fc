import type { AttributeEnumType, DataEnumType, MutabilityEnumType } from '../../messages/index.js';

/** Where an attribute's value came from, so a config reload never overwrites what the CSMS set (DESIGN §4). */
export type ValueSource = 'default' | 'config' | 'csms' | 'station';

/** A component address: name, optional instance, and its EVSE/connector tier (0 or absent = station level). */
export interface ComponentKey {
  name: string;
  instance?: string;
  evseId?: number;
  connectorId?: number;
}

/** A variable address within a component. */
export interface VariableKey {
  name: string;
  instance?: string;
}

/** VariableCharacteristicsType as stored (valuesList as the spec's comma-separated text). */
export interface StoredCharacteristics {
  dataType: DataEnumType;
  unit?: string;
  minLimit?: number;
  maxLimit?: number;
  valuesList?: string;
  supportsMonitoring: boolean;
}

/** One attribute (Actual, Target, MinSet, MaxSet) with its value and where the value came from. */
export interface StoredAttribute {
  type: AttributeEnumType;
  value?: string;
  mutability: MutabilityEnumType;
  persistent: boolean;
  constant: boolean;
  source: ValueSource;
}

/** One variable of one component, with its characteristics and attributes. */
export interface StoredVariable {
  component: ComponentKey;
  variable: VariableKey;
  characteristics: StoredCharacteristics;
  attributes: StoredAttribute[];
  /** Whether a change takes effect only after a reboot (SetVariables answers RebootRequired). */
  rebootRequired?: boolean;
}

/** Persistence of the device model (B05-B08). Writes are durable when the call returns. */
export interface DeviceModelStorePort {
  /** Every stored variable. */
  loadAll(): StoredVariable[];
  /** Inserts or replaces these variables (characteristics, attributes and values) in one transaction. */
  saveVariables(variables: readonly StoredVariable[]): void;
  /** Writes one attribute's value and its source; throws StorageError kind 'not-found' when the attribute does not exist. */
  setAttributeValue(component: ComponentKey, variable: VariableKey, type: AttributeEnumType, value: string, source: ValueSource): void;
  /** Removes these variables (no longer defined by the station's configuration), in one transaction. */
  removeVariables(keys: readonly { component: ComponentKey; variable: VariableKey }[]): void;
}
