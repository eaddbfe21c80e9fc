import type { DeviceModel } from '../../device-model/index.js';
import type { CallHandler } from '../../rpc/functional-block.js';
import { enforceMessageLimits } from './message-limits.js';

/** B05 SetVariables: each attribute set by the device model's rules, within DeviceDataCtrlr limits. */
export function setVariablesHandler(deviceModel: DeviceModel): CallHandler<'SetVariables'> {
  return (request) => {
    enforceMessageLimits(deviceModel, 'SetVariables', request.setVariableData.length, request);
    return { setVariableResult: deviceModel.setVariables(request.setVariableData, 'csms') };
  };
}
