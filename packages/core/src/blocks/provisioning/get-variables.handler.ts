import type { DeviceModel } from '../../device-model/index.js';
import type { CallHandler } from '../../rpc/functional-block.js';
import { enforceMessageLimits } from './message-limits.js';

/** B06 GetVariables: each requested attribute answered by the device model, within DeviceDataCtrlr limits. */
export function getVariablesHandler(deviceModel: DeviceModel): CallHandler<'GetVariables'> {
  return (request) => {
    enforceMessageLimits(deviceModel, 'GetVariables', request.getVariableData.length, request);
    return { getVariableResult: deviceModel.getVariables(request.getVariableData) };
  };
}
