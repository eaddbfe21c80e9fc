import type { DeviceModel } from '../../device-model/index.js';
import { FormatViolationError, OccurrenceConstraintViolationError } from '../../rpc/rpc-error.js';

/** The request kinds whose size DeviceDataCtrlr limits (ItemsPerMessage / BytesPerMessage instances). */
export type LimitedRequest = 'GetVariables' | 'SetVariables' | 'GetReport';

/** UTF-8 length of a JSON payload. */
export function jsonByteLength(payload: unknown): number {
  return new TextEncoder().encode(JSON.stringify(payload)).length;
}

/**
 * B06.FR.16/17, B08.FR.17/18 (and the same for SetVariables): a request with more items than
 * ItemsPerMessage gets OccurrenceConstraintViolation; one longer than BytesPerMessage gets FormatViolation.
 */
export function enforceMessageLimits(deviceModel: DeviceModel, request: LimitedRequest, items: number, payload: unknown): void {
  const maxItems = deviceModel.get('DeviceDataCtrlr', 'ItemsPerMessage', { variableInstance: request });
  if (maxItems !== undefined && items > maxItems) {
    throw new OccurrenceConstraintViolationError(`${request} has ${items} items; ItemsPerMessage[${request}] is ${maxItems}`);
  }
  const maxBytes = deviceModel.get('DeviceDataCtrlr', 'BytesPerMessage', { variableInstance: request });
  if (maxBytes !== undefined && jsonByteLength(payload) > maxBytes) {
    throw new FormatViolationError(`${request} is longer than BytesPerMessage[${request}] (${maxBytes} bytes)`);
  }
}
