export { DeviceModel, type DeviceModelDeps, type VariableAddress } from './device-model.js';
export type { VariableDescription } from './variable-description.js';
export { DeviceModelConfigError } from './device-model-config-error.js';
export { DeviceModelValueError } from './device-model-value-error.js';
export type {
  AttributeDefinition,
  CharacteristicsDefinition,
  ComponentDefinition,
  ConfigValue,
  ConnectorLayout,
  DeviceModelConfig,
  EvseLayout,
  StationLayout,
  VariableDefinition,
} from './definitions.js';
export type { VariableChange, VariableValidator } from './variable-change.js';
export { knownVariableKinds, type KnownComponent, type KnownVariable, type KnownVariables, type KnownVariableValue } from './known-variables.js';
export { toTypedValue, valueKindOf, type ValueOfKind, type VariableValue, type VariableValueKind } from './typed-values.js';
export { checkValue, type ValueProblem } from './value-rules.js';
export { layoutComponents } from './layout-components.js';
export { standardizedComponents } from './standardized/index.js';
