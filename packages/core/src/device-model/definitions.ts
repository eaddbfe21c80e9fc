import type { AttributeEnumType, DataEnumType, MutabilityEnumType } from '../messages/index.js';
import type { ComponentKey, VariableKey } from '../ports/storage/device-model-store.port.js';

/** VariableCharacteristicsType as a definition writes it (valuesList as the spec's CSV text) (B07, Part 2 §2.2). */
export interface CharacteristicsDefinition {
  dataType: DataEnumType;
  unit?: string;
  /** Numeric lower bound; for string and list types the minimum length of the (CSV) text. */
  minLimit?: number;
  /** Numeric upper bound; for string and list types the maximum length of the (CSV) text. */
  maxLimit?: number;
  valuesList?: string;
  /** Default false. */
  supportsMonitoring?: boolean;
}

/** One attribute (Actual, Target, MinSet, MaxSet) of a variable definition with its default value. */
export interface AttributeDefinition {
  /** Default Actual. */
  type?: AttributeEnumType;
  mutability: MutabilityEnumType;
  /** Default true; a non-persistent attribute is reset to its config/default value at every load. */
  persistent?: boolean;
  /** Default false; a constant attribute is never changed at runtime, by the CSMS or by the station. */
  constant?: boolean;
  /** The default value (source 'default'); a station's config value overrides it (source 'config'). */
  value?: string;
}

/** One variable of a component definition: address, characteristics, attributes (Part 2 §2.2, B05-B08). */
export interface VariableDefinition {
  variable: VariableKey;
  characteristics: CharacteristicsDefinition;
  attributes: AttributeDefinition[];
  /** A change takes effect after a reboot only: SetVariables stores it and answers RebootRequired (B05). */
  rebootRequired?: boolean;
  /** Required by OCTT TC_B_53_CS or Part 4: an Actual (not WriteOnly) without any value is a config error. */
  required?: boolean;
  /** The value is computed when read (e.g. ClockCtrlr.DateTime from the clock port), never stored. */
  dynamic?: boolean;
  description?: string;
}

/** A component with its variables: the unit of the station's device model JSON data (DESIGN §3). */
export interface ComponentDefinition {
  component: ComponentKey;
  variables: VariableDefinition[];
}

/** One connector of an EVSE in the station layout. */
export interface ConnectorLayout {
  /** Connector id, unique within its EVSE, > 0. */
  id: number;
  /** A ConnectorEnumType value (e.g. cType2, cCCS2, sType2). */
  connectorType: string;
}

/** One EVSE of the station layout. */
export interface EvseLayout {
  /** EVSE id, unique, > 0. */
  id: number;
  /** Maximum power of the EVSE in W: EVSE.Power maxLimit. */
  powerW: number;
  /** 0 (DC) to 3: EVSE.SupplyPhases and its connectors' SupplyPhases. */
  supplyPhases: number;
  connectors: ConnectorLayout[];
}

/** The station's EVSE/connector layout, from which the EVSE and Connector components are generated. */
export interface StationLayout {
  /** 0 (DC) to 3: ChargingStation.SupplyPhases. */
  supplyPhases: number;
  evses: EvseLayout[];
}

/** A station's value for a defined variable's attribute (source 'config'). */
export interface ConfigValue {
  component: ComponentKey;
  variable: VariableKey;
  /** Default Actual. */
  attributeType?: AttributeEnumType;
  value: string;
}

/** What a station brings to its device model: layout, values for standardized variables, own additions. */
export interface DeviceModelConfig {
  layout: StationLayout;
  /** Station's values for standardized variables (source 'config'), e.g. HeartbeatInterval, SecurityProfile. */
  values?: ConfigValue[];
  /** The station's own extra components/variables; a variable that is already defined is replaced by the addition. */
  additions?: ComponentDefinition[];
}
