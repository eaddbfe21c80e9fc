import type { ModelAttribute, ModelVariable, VariableIndex } from './variable-index.js';

/** Read access to the running device model that GetVariables and the reports share. */
export interface ModelReader {
  readonly index: VariableIndex;
  /** The attribute's current value: a dynamic provider's value, else the stored one. */
  valueOf(variable: ModelVariable, attribute: ModelAttribute): string | undefined;
  /** Length values are truncated to in GetVariables results and reports (DeviceDataCtrlr.ReportingValueSize, ≤ 2500). */
  reportingValueSize(): number;
}
