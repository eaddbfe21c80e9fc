import type { DeviceModel } from '../device-model/index.js';
import type { SetVariableResultType } from '../messages/index.js';

/** OCTT TC_A_01/09/10: 16-40 characters of the identifierString set a-z A-Z 0-9 * - _ = : + | @ . (A00.FR.205). */
const PASSWORD_PATTERN = /^[A-Za-z0-9*\-_=:+|@.]+$/;

/**
 * A01: checks a new SecurityCtrlr.BasicAuthPassword beyond its length limits (the charset); the message never
 * contains the value. Registered as a device-model validator so SetVariables answers Rejected (TC_A_10).
 */
export function registerPasswordRules(deviceModel: DeviceModel): void {
  deviceModel.registerValidator('SecurityCtrlr', 'BasicAuthPassword', (value) =>
    PASSWORD_PATTERN.test(value) ? undefined : 'BasicAuthPassword may only hold a-z A-Z 0-9 * - _ = : + | @ . (A00.FR.205)',
  );
}

/** A01 (TC_A_09): whether a SetVariables result accepted a new BasicAuthPassword. */
export function passwordChanged(results: readonly SetVariableResultType[]): boolean {
  return results.some((r) => r.component.name === 'SecurityCtrlr' && r.variable.name === 'BasicAuthPassword' && r.attributeStatus === 'Accepted');
}
