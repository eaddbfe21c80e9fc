import type { DeviceModel } from '../../device-model/index.js';
import type { SetVariableDataType, SetVariableResultType } from '../../messages/index.js';
import type { CallContext, CallHandler } from '../../rpc/functional-block.js';
import { enforceMessageLimits } from './message-limits.js';

/** Called with what a SetVariables did, before the reply; work that must follow the reply goes to `context.afterReply` (A01). */
export type VariablesSetListener = (data: readonly SetVariableDataType[], results: readonly SetVariableResultType[], context: CallContext) => void;

/** B05 SetVariables: each attribute set by the device model's rules, within DeviceDataCtrlr limits. */
export function setVariablesHandler(deviceModel: DeviceModel, onSet?: VariablesSetListener): CallHandler<'SetVariables'> {
  return (request, context) => {
    enforceMessageLimits(deviceModel, 'SetVariables', request.setVariableData.length, request);
    const setVariableResult = deviceModel.setVariables(request.setVariableData, 'csms');
    onSet?.(request.setVariableData, setVariableResult, context);
    return { setVariableResult };
  };
}
